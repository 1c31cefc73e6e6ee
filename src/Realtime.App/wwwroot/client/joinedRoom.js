/** How many message Uuids a joined room remembers, to tell an edit (a known Uuid) from a new message. */
const rememberedMessages = 1000;
/** Keeps the newest message of a room: a new Uuid; an edit repeats a known one and does not move it back. */
export function noteMessage(room, message) {
    if (room.seen.has(message.Uuid))
        return;
    room.seen.add(message.Uuid);
    if (room.seen.size > rememberedMessages)
        room.seen.delete(room.seen.values().next().value);
    room.lastMessageUuid = message.Uuid;
}
