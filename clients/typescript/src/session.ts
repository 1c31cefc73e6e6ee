import { defaultBackoff, fullJitterDelay, type BackoffOptions } from './backoff.js';
import { closeAction } from './closePolicy.js';
import type { ErrorFrame, SubscribedFrame } from './frames.js';
import { watchPauseSignals, type PauseReason, type PauseSignals } from './pauseSignals.js';

/** The WebSocket constructor to use: the browser's by default; in Node.js pass one (e.g. the `ws` package's). */
export type WebSocketConstructor = new (url: string) => WebSocket;

export type ConnectionState =
  | { status: 'connecting'; attempt: number }
  | { status: 'open' }
  /** Waiting `delayMs` (until `retryAt`, epoch ms) before attempt `attempt`, after a close with `code`. */
  | { status: 'reconnecting'; attempt: number; delayMs: number; retryAt: number; code: number; reason: string }
  /** Closed with 4001/4002 (`code`): waiting for the app's `renewToken`. */
  | { status: 'renewing-token'; code: number; reason: string }
  /** No attempt while the page is hidden or the browser offline; resumes by itself. */
  | { status: 'paused'; reason: PauseReason }
  /** Final until `reconnect()`: closed by the app (1000), refused for good (1009, 4000) or no new token. */
  | { status: 'closed'; code: number; reason: string };

/** Asked for a new token after a 4001 or 4002 close; undefined (or a rejection) means: stay closed. */
export type TokenProvider = () => Promise<string | undefined> | string | undefined;

export interface SessionOptions {
  /** `ws://host:5050/ws` or `ws://host:5050/chat`. */
  url: string;
  token: string;
  renewToken?: TokenProvider;
  WebSocket?: WebSocketConstructor;
  backoff?: Partial<BackoffOptions>;
  /** Source of the jitter; `Math.random` by default. */
  random?: () => number;
}

/** What a client built on a session (events, chat) adds to it. */
export interface SessionHooks {
  /** Extra fields of the subscribe frame; `inPlace` is a token refresh on an open socket. */
  subscribeFields(inPlace: boolean): Record<string, unknown>;
  onSubscribed(frame: SubscribedFrame, inPlace: boolean): void;
  onError(frame: ErrorFrame): void;
  /** Any other frame, parsed. */
  onFrame(frame: Record<string, unknown>): void;
  onState(state: ConnectionState): void;
}

/**
 * A connection that stayed subscribed this long was a success: the next reconnect starts the backoff over.
 * Shorter ones count as failed attempts, so a server that accepts and then drops at once (or a client closed
 * 4029 right after each subscribe) backs off instead of looping.
 */
const stableConnectionMs = 10_000;

interface Waiter {
  resolve(frame: SubscribedFrame): void;
  reject(error: Error): void;
}

/**
 * One authenticated socket that stays connected: subscribes on every open, reconnects with full-jitter backoff
 * according to the close code (PROTOCOL 3.4), never gives up on its own, and waits while the page is hidden or
 * offline.
 */
export class Session {
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly WebSocketImpl: WebSocketConstructor;
  private readonly pause: PauseSignals;
  private token: string;
  private socket: WebSocket | undefined;
  private subscribedOnSocket = false;
  /** In-place re-subscribes sent and not acknowledged yet on this socket. */
  private refreshesPending = 0;
  /** Attempts since the last stable connection: the backoff exponent. */
  private failures = 0;
  /** When the current socket was first acknowledged. */
  private subscribedAt: number | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private waiters: Waiter[] = [];
  private current: ConnectionState = { status: 'connecting', attempt: 0 };

  constructor(private readonly options: SessionOptions, private readonly hooks: SessionHooks) {
    this.token = options.token;
    this.backoff = { ...defaultBackoff, ...options.backoff };
    this.random = options.random ?? Math.random;
    const impl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!impl) throw new Error('no global WebSocket here: pass the WebSocket option (e.g. the ws package)');
    this.WebSocketImpl = impl;
    this.pause = watchPauseSignals(() => this.resume());
    this.open();
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Sends a frame on the subscribed socket; false when there is none right now. */
  send(frame: Record<string, unknown>): boolean {
    if (!this.socket || !this.subscribedOnSocket) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** The next `subscribed` acknowledgement; rejected when the session closes for good first. */
  nextSubscribed(): Promise<SubscribedFrame> {
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /**
   * Re-subscribes with a new token (from `renewToken` when none is given): in place on the open socket, on the
   * next attempt while reconnecting, or by reconnecting after a final close. Resolves with the acknowledgement.
   */
  async refreshToken(token?: string): Promise<SubscribedFrame> {
    const next = token ?? (await this.options.renewToken?.());
    if (!next) throw new Error('no token to refresh with');
    this.token = next;
    const acknowledged = this.nextSubscribed();
    if (this.socket && this.subscribedOnSocket) {
      this.refreshesPending += 1;
      this.sendSubscribe(true);
    } else if (this.current.status === 'closed') {
      this.reconnect();
    }
    return acknowledged;
  }

  /** Closes for good (1000): no reconnect until `reconnect()`. */
  close(): void {
    this.stopRetrying();
    const socket = this.socket;
    this.detach();
    socket?.close(1000, 'client closed');
    this.finish(1000, 'closed by the client');
  }

  /** Starts again after a final close, or cuts a backoff wait short. */
  reconnect(): void {
    if (this.socket) return;
    this.stopRetrying();
    this.failures = 0;
    this.open();
  }

  private open(): void {
    const paused = this.pause.current();
    if (paused) {
      this.setState({ status: 'paused', reason: paused });
      return;
    }
    this.setState({ status: 'connecting', attempt: this.failures });
    const socket = new this.WebSocketImpl(this.options.url);
    this.socket = socket;
    this.subscribedOnSocket = false;
    socket.onopen = () => this.sendSubscribe(false);
    // The close event that follows carries the code; Node's `ws` throws on an error nobody listens to.
    socket.onerror = () => undefined;
    socket.onmessage = (event: MessageEvent) => this.receive(event.data);
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      if (this.subscribedAt !== undefined && Date.now() - this.subscribedAt >= stableConnectionMs) this.failures = 0;
      this.detach();
      void this.closed(event.code, event.reason);
    };
  }

  private sendSubscribe(inPlace: boolean): void {
    const frame = { '@type': 'subscribe', jwt: this.token, ...this.hooks.subscribeFields(inPlace) };
    this.socket?.send(JSON.stringify(frame));
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return; // the protocol's frames are text; binary frames carry nothing
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return;
    const typed = frame as Record<string, unknown>;
    switch (typed['@type']) {
      case 'subscribed': {
        const inPlace = this.refreshesPending > 0;
        if (inPlace) this.refreshesPending -= 1;
        this.subscribedOnSocket = true;
        this.subscribedAt ??= Date.now();
        if (!inPlace) this.setState({ status: 'open' });
        this.hooks.onSubscribed(typed as unknown as SubscribedFrame, inPlace);
        this.settleWaiters((w) => w.resolve(typed as unknown as SubscribedFrame));
        break;
      }
      case 'error':
        this.hooks.onError(typed as unknown as ErrorFrame);
        break;
      default:
        this.hooks.onFrame(typed);
    }
  }

  private async closed(code: number, reason: string): Promise<void> {
    switch (closeAction(code)) {
      case 'stay-closed':
      case 'report':
        this.finish(code, reason);
        return;
      case 'renew-token': {
        this.setState({ status: 'renewing-token', code, reason });
        const token = await this.askForToken();
        if (this.current.status !== 'renewing-token') return; // closed or reconnected by the app meanwhile
        if (!token) {
          this.finish(code, reason);
          return;
        }
        this.token = token;
        this.scheduleRetry(code, reason);
        return;
      }
      case 'reconnect':
        this.scheduleRetry(code, reason);
    }
  }

  private async askForToken(): Promise<string | undefined> {
    try {
      return (await this.options.renewToken?.()) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private scheduleRetry(code: number, reason: string): void {
    const delayMs = fullJitterDelay(this.failures, this.backoff, this.random);
    this.failures += 1;
    this.setState({ status: 'reconnecting', attempt: this.failures, delayMs, retryAt: Date.now() + delayMs, code, reason });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.open();
    }, delayMs);
  }

  /** Visible and online again: a paused session tries at once. */
  private resume(): void {
    if (this.current.status === 'paused') this.open();
  }

  private finish(code: number, reason: string): void {
    this.setState({ status: 'closed', code, reason });
    this.settleWaiters((w) => w.reject(new Error(`connection closed (${code}${reason ? `: ${reason}` : ''})`)));
  }

  private detach(): void {
    if (!this.socket) return;
    // onerror stays a no-op: closing a socket that is still connecting reports an error too.
    this.socket.onopen = this.socket.onmessage = this.socket.onclose = null;
    this.socket = undefined;
    this.subscribedOnSocket = false;
    this.subscribedAt = undefined;
    this.refreshesPending = 0;
  }

  private stopRetrying(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private settleWaiters(settle: (waiter: Waiter) => void): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach(settle);
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.hooks.onState(state);
  }
}
