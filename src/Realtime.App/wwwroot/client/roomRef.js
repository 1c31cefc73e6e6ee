/** A room's identity as the server sees it: a USER room is a set of logins, in any order (docs/chat.md). */
function roomIdentity(type, roomTypeObject) {
    if (type !== 'USER')
        return `${type}:${roomTypeObject}`;
    const logins = new Set(roomTypeObject.split(',').map((login) => login.trim()).filter(Boolean));
    return `${type}:${[...logins].sort().join(',')}`;
}
/** The room of a ROOM_UPDATE frame about `ref` (a missing Type is GLOBAL, the zero value). */
export function roomUpdateOf(frame, ref) {
    if (frame['@type'] !== 'ROOM_UPDATE')
        return undefined;
    const room = frame.Room;
    const same = roomIdentity(room.Type ?? 'GLOBAL', room.RoomTypeObject ?? '') === roomIdentity(ref.Type, ref.RoomTypeObject);
    return same ? room : undefined;
}
