/**
 * A room whose catch-up after a reconnect (PROTOCOL 7.2) could not bring every missed message: more were missed than
 * the server replays (it sent the newest ones; `next` is the HISTORY page with the older ones), or the server no
 * longer knows the last message seen (no `next`: nothing was replayed, reload the room's history).
 */
export interface MissedMessages {
  roomUuid: string;
  next?: { offset: number; limit: number };
}

/** The refusal of a JOIN whose `After` names a message the room does not know (PROTOCOL 7.2). */
export const unknownAfterMessage = 'unknown message';
