import type { ChatRoom, ChatRoomType, RoomUpdateFrame } from './frames.js';

/** A room by its identity (PROTOCOL 6): its Uuid is derived by the server from these two. */
export interface RoomRef {
  Type: ChatRoomType;
  RoomTypeObject: string;
  /** Kept by the first JOIN that creates the room. */
  RoomLabel?: string;
}

/** A room's identity as the server sees it: a USER room is a set of logins, in any order (docs/chat.md). */
function roomIdentity(type: ChatRoomType, roomTypeObject: string): string {
  if (type !== 'USER') return `${type}:${roomTypeObject}`;
  const logins = new Set(roomTypeObject.split(',').map((login) => login.trim()).filter(Boolean));
  return `${type}:${[...logins].sort().join(',')}`;
}

/** The room of a ROOM_UPDATE frame about `ref` (a missing Type is GLOBAL, the zero value). */
export function roomUpdateOf(frame: Record<string, unknown>, ref: RoomRef): ChatRoom | undefined {
  if (frame['@type'] !== 'ROOM_UPDATE') return undefined;
  const room = (frame as unknown as RoomUpdateFrame).Room;
  const same = roomIdentity(room.Type ?? 'GLOBAL', room.RoomTypeObject ?? '') === roomIdentity(ref.Type, ref.RoomTypeObject);
  return same ? room : undefined;
}
