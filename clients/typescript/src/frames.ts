// The JSON frames of the gateway (docs/PROTOCOL.md sections 3, 6 and 7), as the server writes them.
// Zero values are omitted by the server, so most fields are optional; 64-bit integers are strings.

/** The acknowledgement of every successful subscribe (PROTOCOL 3.2, 7.1). */
export interface SubscribedFrame {
  '@type': 'subscribed';
  user: string;
  workspaces: string[];
  /** Token expiry, unix seconds. */
  exp: number;
  /** Stream position at the subscribe (protocol v2 only). */
  pos?: string;
  /** Answer to a `recover` (protocol v2 only). */
  recovered?: boolean;
}

export interface ErrorFrame {
  '@type': 'error';
  jwt: string;
  error: string;
}

export type NodeType = 'UNKNOWN' | 'LEAF' | 'COLLECTION';

export interface Node {
  Uuid?: string;
  Path?: string;
  Type?: NodeType;
  Size?: string;
  MTime?: string;
  Mode?: number;
  Etag?: string;
  /** Every value is itself JSON text; `EventWorkspaceId` names the workspace of the frame. */
  MetaStore?: Record<string, string>;
}

export type NodeEventType =
  | 'CREATE' | 'READ' | 'UPDATE_PATH' | 'UPDATE_CONTENT' | 'UPDATE_META' | 'DELETE' | 'UPDATE_USER_META';

/** Protocol v2 adds the stream cursor of each event frame. */
interface Positioned {
  '@pos'?: string;
}

export interface NodeEventFrame extends Positioned {
  /** Absent means CREATE (zero values are omitted). */
  Type?: NodeEventType;
  Target?: Node;
  Source?: Node;
}

export interface TaskEventFrame extends Positioned {
  TaskUpdated: {
    ID?: string;
    JobID?: string;
    Status?: string;
    StatusMessage?: string;
    TriggerOwner?: string;
    StartTime?: number;
    EndTime?: number;
    CanStop?: boolean;
    CanPause?: boolean;
    HasProgress?: boolean;
    Progress?: number;
  };
  Job?: Record<string, unknown>;
}

export interface IdmEventFrame extends Positioned {
  '@type': 'idm';
  Type?: 'CREATE' | 'READ' | 'UPDATE' | 'DELETE' | 'BIND' | 'LOGOUT';
  User?: Record<string, unknown>;
  Role?: Record<string, unknown>;
  Workspace?: Record<string, unknown>;
  Acl?: Record<string, unknown>;
  Attributes?: Record<string, string>;
}

export interface ActivityEventFrame extends Positioned {
  '@type': 'activity';
  OwnerType?: 'NODE' | 'USER';
  OwnerId?: string;
  BoxName?: string;
  Activity?: Record<string, unknown>;
}

export type ChatRoomType = 'GLOBAL' | 'WORKSPACE' | 'USER' | 'NODE';

export interface ChatRoom {
  Uuid?: string;
  /** Absent means GLOBAL on servers that omit zero values. */
  Type?: ChatRoomType;
  RoomTypeObject?: string;
  RoomLabel?: string;
  /** Presence: the logins in the room. */
  Users?: string[];
  LastUpdated?: string;
}

export interface ChatMessage {
  Uuid: string;
  RoomUuid: string;
  Message?: string;
  Author: string;
  /** Unix seconds, as a string. */
  Timestamp?: string;
}

export interface RoomUpdateFrame {
  '@type': 'ROOM_UPDATE';
  Room: ChatRoom;
}

export interface DeleteMessageFrame {
  '@type': 'DELETE_MSG';
  Message: ChatMessage;
}

export interface MayHaveMoreFrame {
  '@type': 'MAY_HAVE_MORE';
  RoomUuid: string;
  Offset: number;
  Limit: number;
  Timestamp: number;
}
