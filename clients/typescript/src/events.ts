import { Emitter } from './emitter.js';
import { classifyEventFrame } from './eventFrame.js';
import type {
  ActivityEventFrame,
  ErrorFrame,
  IdmEventFrame,
  NodeEventFrame,
  SubscribedFrame,
  TaskEventFrame,
} from './frames.js';
import { Session, type ConnectionState, type SessionOptions } from './session.js';

/**
 * What a subscribe brought back after a reconnect (PROTOCOL 7):
 * - `none`: a first subscribe or a token refresh in place: nothing was missed;
 * - `recovered`: the server replays everything missed, then goes live;
 * - `lost`: the server could not replay (cursor too old, ...): reload your state from the source of truth;
 * - `unsupported`: the server speaks protocol v1 only, events published while disconnected are gone.
 */
export type Recovery = 'none' | 'recovered' | 'lost' | 'unsupported';

export interface Subscription {
  user: string;
  workspaces: string[];
  /** Token expiry, unix seconds. */
  exp: number;
  recovery: Recovery;
  /** 2 when the server sent a stream position (recovery possible), else 1. */
  protocol: 1 | 2;
}

export interface EventsClientEvents {
  subscribed: Subscription;
  node: NodeEventFrame;
  task: TaskEventFrame;
  idm: IdmEventFrame;
  activity: ActivityEventFrame;
  error: ErrorFrame;
  state: ConnectionState;
}

export type ConnectOptions = SessionOptions;

/** The events socket (`/ws`): typed frames, the subscribe acknowledgement, recovery across reconnects. */
export class EventsClient {
  private readonly emitter = new Emitter<EventsClientEvents>();
  private readonly session: Session;
  /** The last stream cursor received (protocol v2): where a reconnect resumes. */
  private cursor: string | undefined;
  private recoverAsked = false;
  private subscribedOnce = false;
  private lastSubscription: Subscription | undefined;
  /** The first acknowledgement; rejected if the connection closes for good before it. */
  readonly subscribed: Promise<Subscription>;

  constructor(options: ConnectOptions) {
    this.session = new Session(options, {
      subscribeFields: (inPlace) => this.subscribeFields(inPlace),
      onSubscribed: (frame, inPlace) => this.onSubscribed(frame, inPlace),
      onError: (frame) => this.emitter.emit('error', frame),
      onFrame: (frame) => this.onFrame(frame),
      onState: (state) => this.emitter.emit('state', state),
    });
    this.subscribed = this.session.nextSubscribed().then(() => this.lastSubscription!);
    // An app that never awaits `subscribed` must not get an unhandled rejection when it closes early.
    this.subscribed.catch(() => undefined);
  }

  on<K extends keyof EventsClientEvents>(event: K, handler: (payload: EventsClientEvents[K]) => void): () => void {
    return this.emitter.on(event, handler);
  }

  off<K extends keyof EventsClientEvents>(event: K, handler: (payload: EventsClientEvents[K]) => void): void {
    this.emitter.off(event, handler);
  }

  get state(): ConnectionState {
    return this.session.state;
  }

  /** The last stream cursor received, undefined on a v1 server. */
  get position(): string | undefined {
    return this.cursor;
  }

  /** Re-subscribes with a new token on the open socket (no reconnect, nothing missed). */
  async refreshToken(token?: string): Promise<Subscription> {
    await this.session.refreshToken(token);
    return this.lastSubscription!;
  }

  close(): void {
    this.session.close();
  }

  reconnect(): void {
    this.session.reconnect();
  }

  private subscribeFields(inPlace: boolean): Record<string, unknown> {
    // A v1 server ignores both fields (unknown fields of a subscribe are not an error).
    this.recoverAsked = !inPlace && this.cursor !== undefined;
    return this.recoverAsked ? { v: 2, recover: this.cursor } : { v: 2 };
  }

  private onSubscribed(frame: SubscribedFrame, inPlace: boolean): void {
    const protocol = frame.pos === undefined ? 1 : 2;
    const recovery = this.recoveryOf(frame, inPlace);
    // While replaying, the cursor must stay at the last event received, not jump to the head of the stream.
    if (frame.pos !== undefined && recovery !== 'recovered') this.cursor = frame.pos;
    this.subscribedOnce = true;
    this.lastSubscription = { user: frame.user, workspaces: frame.workspaces, exp: frame.exp, recovery, protocol };
    this.emitter.emit('subscribed', this.lastSubscription);
  }

  private recoveryOf(frame: SubscribedFrame, inPlace: boolean): Recovery {
    if (inPlace || !this.subscribedOnce) return 'none';
    if (frame.pos === undefined) return 'unsupported';
    if (this.recoverAsked && frame.recovered === true) return 'recovered';
    return 'lost';
  }

  private onFrame(frame: Record<string, unknown>): void {
    const event = classifyEventFrame(frame);
    if (!event) return;
    const position = frame['@pos'];
    if (typeof position === 'string') this.cursor = position;
    switch (event.kind) {
      case 'node':
        this.emitter.emit('node', event.frame);
        break;
      case 'task':
        this.emitter.emit('task', event.frame);
        break;
      case 'idm':
        this.emitter.emit('idm', event.frame);
        break;
      case 'activity':
        this.emitter.emit('activity', event.frame);
    }
  }
}

/** Opens the events socket: `connect({ url: 'ws://host:5050/ws', token })`. */
export function connect(options: ConnectOptions): EventsClient {
  return new EventsClient(options);
}
