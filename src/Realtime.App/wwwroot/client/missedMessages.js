/** The refusal of a JOIN whose `After` names a message the room does not know (PROTOCOL 7.2). */
export const unknownAfterMessage = 'unknown message';
