import { Emitter } from './emitter.js';
import type {
  ChatMessage,
  ChatRoom,
  DeleteMessageFrame,
  ErrorFrame,
  MayHaveMoreFrame,
  RoomUpdateFrame,
  SubscribedFrame,
} from './frames.js';
import { HistoryCollector, type HistoryPage } from './historyCollector.js';
import { noteMessage, type JoinedRoom } from './joinedRoom.js';
import { unknownAfterMessage, type MissedMessages } from './missedMessages.js';
import { ReplyQueue } from './replyQueue.js';
import { roomUpdateOf, type RoomRef } from './roomRef.js';
import { Session, type ConnectionState, type SessionOptions } from './session.js';

export interface ChatClientEvents {
  subscribed: SubscribedFrame;
  /** A room's state, presence (`Users`) included: after a JOIN and whenever presence changes. */
  room: ChatRoom;
  /** A live post, or an edit (a message whose Uuid was seen before). */
  message: ChatMessage;
  deleted: ChatMessage;
  /** After a reconnect, a room whose catch-up could not bring every message missed: load its history. */
  missed: MissedMessages;
  error: ErrorFrame;
  state: ConnectionState;
}

export interface ChatOptions extends SessionOptions {
  /** How often joined rooms are told we are still here (presence times out after 20 s by default). */
  heartbeatMs?: number;
  /** How long a call waits for its answer. */
  replyTimeoutMs?: number;
}

const isMessage = (frame: Record<string, unknown>): frame is Record<string, unknown> & ChatMessage =>
  frame['@type'] === undefined && typeof frame['Uuid'] === 'string' && typeof frame['RoomUuid'] === 'string';

/** The chat socket (`/chat`): rooms, messages, history pages and presence as typed calls. */
export class ChatClient {
  private readonly emitter = new Emitter<ChatClientEvents>();
  private readonly session: Session;
  private readonly replies: ReplyQueue;
  private readonly history = new HistoryCollector();
  private readonly joined = new Map<string, JoinedRoom>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private user: string | undefined;
  /** Rooms joined again with `After` whose ROOM_UPDATE has not come back yet. */
  private readonly rejoining = new Set<string>();
  /** The room whose rejoin was answered last: a refusal of its `After` follows its ROOM_UPDATE. */
  private lastRejoined: string | undefined;
  /** The first acknowledgement; rejected if the connection closes for good before it. */
  readonly subscribed: Promise<SubscribedFrame>;

  constructor(options: ChatOptions) {
    this.replies = new ReplyQueue(options.replyTimeoutMs ?? 10_000);
    this.session = new Session(options, {
      subscribeFields: () => ({}),
      onSubscribed: (frame, inPlace) => this.onSubscribed(frame, inPlace),
      onError: (frame) => this.onError(frame),
      onFrame: (frame) => this.onFrame(frame),
      onState: (state) => this.onState(state),
    });
    this.subscribed = this.session.nextSubscribed();
    this.subscribed.catch(() => undefined);
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs ?? 5_000);
  }

  on<K extends keyof ChatClientEvents>(event: K, handler: (payload: ChatClientEvents[K]) => void): () => void {
    return this.emitter.on(event, handler);
  }

  off<K extends keyof ChatClientEvents>(event: K, handler: (payload: ChatClientEvents[K]) => void): void {
    this.emitter.off(event, handler);
  }

  get state(): ConnectionState {
    return this.session.state;
  }

  /** Joins (creating the room on first join); resolves with the room and its presence. Rejoined after reconnects. */
  async join(ref: RoomRef): Promise<ChatRoom> {
    this.send({ '@type': 'JOIN', Room: ref });
    const room = await this.replies.wait((frame) => roomUpdateOf(frame, ref));
    const previous = this.joined.get(room.Uuid!);
    this.joined.set(room.Uuid!, { seen: new Set(), ...previous, ref, uuid: room.Uuid! });
    return room;
  }

  /** Posts a text; resolves with the stored message (Uuid, Author, Timestamp set by the server). */
  async post(roomUuid: string, text: string): Promise<ChatMessage> {
    this.joinedRoom(roomUuid);
    this.send({ '@type': 'POST', Message: { RoomUuid: roomUuid, Message: text } });
    return this.replies.wait((frame) =>
      isMessage(frame) && frame.RoomUuid === roomUuid && frame.Author === this.user && frame.Message === text ? frame : undefined,
    );
  }

  /** Replaces the text of one of our messages. */
  async edit(message: Pick<ChatMessage, 'Uuid' | 'RoomUuid'>, text: string): Promise<ChatMessage> {
    this.joinedRoom(message.RoomUuid);
    this.send({ '@type': 'POST', Message: { RoomUuid: message.RoomUuid, Uuid: message.Uuid, Message: text } });
    return this.replies.wait((frame) => (isMessage(frame) && frame.Uuid === message.Uuid && frame.Message === text ? frame : undefined));
  }

  /** Deletes a message (ours, or any as an admin). */
  async delete(message: Pick<ChatMessage, 'Uuid' | 'RoomUuid'>): Promise<ChatMessage> {
    this.joinedRoom(message.RoomUuid);
    this.send({ '@type': 'DELETE_MSG', Message: { RoomUuid: message.RoomUuid, Uuid: message.Uuid } });
    return this.replies.wait((frame) =>
      frame['@type'] === 'DELETE_MSG' && (frame as unknown as DeleteMessageFrame).Message.Uuid === message.Uuid
        ? (frame as unknown as DeleteMessageFrame).Message
        : undefined,
    );
  }

  /** Leaves a joined room (the server does not answer a LEAVE). */
  leave(roomUuid: string): void {
    const room = this.joinedRoom(roomUuid);
    this.send({ '@type': 'LEAVE', Room: room.ref });
    this.joined.delete(roomUuid);
  }

  /**
   * One page of history, oldest first: skips the `offset` newest messages and takes up to `limit` older ones.
   * `next` is the following page when older messages exist. Needs the right to join, not a membership.
   */
  async historyPage(ref: RoomRef, page: { offset?: number; limit?: number } = {}): Promise<HistoryPage> {
    const offset = page.offset ?? 0;
    this.send({ '@type': 'HISTORY', Room: ref, Message: { Message: JSON.stringify({ Offset: offset, Limit: page.limit ?? 40 }) } });
    // The page starts inside the match, synchronously: its messages may be delivered in the same tick.
    const result = await this.replies.wait((frame) => {
      const room = roomUpdateOf(frame, ref);
      return room && this.history.collect(room);
    });
    // The newest page tells a joined room where a rejoin resumes, until a live message does.
    const newest = offset === 0 ? result.messages[result.messages.length - 1] : undefined;
    const joined = this.joined.get(result.room.Uuid ?? '');
    if (newest && joined && !joined.lastMessageUuid) noteMessage(joined, newest);
    return result;
  }

  refreshToken(token?: string): Promise<SubscribedFrame> {
    return this.session.refreshToken(token);
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.session.close();
  }

  reconnect(): void {
    this.session.reconnect();
  }

  private send(frame: Record<string, unknown>): void {
    if (!this.session.send(frame)) throw new Error(`not connected (${this.session.state.status})`);
  }

  private joinedRoom(roomUuid: string): JoinedRoom {
    const room = this.joined.get(roomUuid);
    if (!room) throw new Error(`room ${roomUuid} is not joined`);
    return room;
  }

  private onSubscribed(frame: SubscribedFrame, inPlace: boolean): void {
    // Another login on this client: the server left the previous login's rooms.
    if (this.user !== frame.user) this.joined.clear();
    this.user = frame.user;
    this.emitter.emit('subscribed', frame);
    if (!inPlace) for (const room of this.joined.values()) this.rejoin(room);
  }

  /** After a reconnect: a v2 server replays what came after the last message seen, a v1 server ignores `After`. */
  private rejoin(room: JoinedRoom): void {
    if (!room.lastMessageUuid) {
      this.session.send({ '@type': 'JOIN', Room: room.ref });
      return;
    }
    this.rejoining.add(room.uuid);
    this.session.send({ '@type': 'JOIN', Room: room.ref, Message: { Message: JSON.stringify({ After: room.lastMessageUuid }) } });
  }

  private beat(): void {
    for (const room of this.joined.values()) this.session.send({ '@type': 'JOIN', Room: room.ref, Message: { Message: 'PING' } });
  }

  private onError(frame: ErrorFrame): void {
    // Only a rejoin sends `After`: its refusal answers no call of the app; the room's plain JOIN goes on.
    if (frame.error === unknownAfterMessage && this.lastRejoined !== undefined) this.emitter.emit('missed', { roomUuid: this.lastRejoined });
    else this.replies.refuse(frame.error);
    this.emitter.emit('error', frame);
  }

  private onState(state: ConnectionState): void {
    if (state.status !== 'open') {
      this.rejoining.clear();
      this.lastRejoined = undefined;
      this.replies.rejectAll(`no answer: the connection is ${state.status}`);
      this.history.abandon(`no answer: the connection is ${state.status}`);
    }
    this.emitter.emit('state', state);
  }

  private onFrame(frame: Record<string, unknown>): void {
    this.replies.offer(frame);
    switch (frame['@type']) {
      case 'ROOM_UPDATE': {
        const room = (frame as unknown as RoomUpdateFrame).Room;
        if (room.Uuid !== undefined && this.rejoining.delete(room.Uuid)) this.lastRejoined = room.Uuid;
        this.history.roomUpdate(room);
        this.emitter.emit('room', room);
        return;
      }
      case 'MAY_HAVE_MORE': {
        // Not the end of a history page: the end of a catch-up that sent only the newest messages missed.
        const more = frame as unknown as MayHaveMoreFrame;
        if (!this.history.mayHaveMore(more)) this.emitter.emit('missed', { roomUuid: more.RoomUuid, next: { offset: more.Offset, limit: more.Limit } });
        return;
      }
      case 'DELETE_MSG':
        this.emitter.emit('deleted', (frame as unknown as DeleteMessageFrame).Message);
        return;
    }
    if (!isMessage(frame) || this.history.message(frame)) return;
    const room = this.joined.get(frame.RoomUuid);
    if (room) noteMessage(room, frame);
    this.emitter.emit('message', frame);
  }
}

/** Opens the chat socket: `connectChat({ url: 'ws://host:5050/chat', token })`. */
export function connectChat(options: ChatOptions): ChatClient {
  return new ChatClient(options);
}
