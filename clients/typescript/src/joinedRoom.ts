import type { ChatMessage } from './frames.js';
import type { RoomRef } from './roomRef.js';

/** A room joined on the chat socket: joined again after a reconnect, from its newest message. */
export interface JoinedRoom {
  ref: RoomRef;
  uuid: string;
  /** The newest message seen: a rejoin asks for what came after it (PROTOCOL 7.2). */
  lastMessageUuid?: string;
  seen: Set<string>;
}

/** How many message Uuids a joined room remembers, to tell an edit (a known Uuid) from a new message. */
const rememberedMessages = 1_000;

/** Keeps the newest message of a room: a new Uuid; an edit repeats a known one and does not move it back. */
export function noteMessage(room: JoinedRoom, message: ChatMessage): void {
  if (room.seen.has(message.Uuid)) return;
  room.seen.add(message.Uuid);
  if (room.seen.size > rememberedMessages) room.seen.delete(room.seen.values().next().value!);
  room.lastMessageUuid = message.Uuid;
}
