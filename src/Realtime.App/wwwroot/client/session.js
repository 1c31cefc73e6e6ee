import { defaultBackoff, fullJitterDelay } from './backoff.js';
import { closeAction } from './closePolicy.js';
import { watchPauseSignals } from './pauseSignals.js';
/**
 * A connection that stayed subscribed this long was a success: the next reconnect starts the backoff over.
 * Shorter ones count as failed attempts, so a server that accepts and then drops at once (or a client closed
 * 4029 right after each subscribe) backs off instead of looping.
 */
const stableConnectionMs = 10000;
/**
 * One authenticated socket that stays connected: subscribes on every open, reconnects with full-jitter backoff
 * according to the close code (PROTOCOL 3.4), never gives up on its own, and waits while the page is hidden or
 * offline.
 */
export class Session {
    constructor(options, hooks) {
        this.options = options;
        this.hooks = hooks;
        this.subscribedOnSocket = false;
        /** In-place re-subscribes sent and not acknowledged yet on this socket. */
        this.refreshesPending = 0;
        /** Attempts since the last stable connection: the backoff exponent. */
        this.failures = 0;
        this.waiters = [];
        this.current = { status: 'connecting', attempt: 0 };
        this.token = options.token;
        this.backoff = { ...defaultBackoff, ...options.backoff };
        this.random = options.random ?? Math.random;
        const impl = options.WebSocket ?? globalThis.WebSocket;
        if (!impl)
            throw new Error('no global WebSocket here: pass the WebSocket option (e.g. the ws package)');
        this.WebSocketImpl = impl;
        this.pause = watchPauseSignals(() => this.resume());
        this.open();
    }
    get state() {
        return this.current;
    }
    /** Sends a frame on the subscribed socket; false when there is none right now. */
    send(frame) {
        if (!this.socket || !this.subscribedOnSocket)
            return false;
        this.socket.send(JSON.stringify(frame));
        return true;
    }
    /** The next `subscribed` acknowledgement; rejected when the session closes for good first. */
    nextSubscribed() {
        return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
    }
    /**
     * Re-subscribes with a new token (from `renewToken` when none is given): in place on the open socket, on the
     * next attempt while reconnecting, or by reconnecting after a final close. Resolves with the acknowledgement.
     */
    async refreshToken(token) {
        const next = token ?? (await this.options.renewToken?.());
        if (!next)
            throw new Error('no token to refresh with');
        this.token = next;
        const acknowledged = this.nextSubscribed();
        if (this.socket && this.subscribedOnSocket) {
            this.refreshesPending += 1;
            this.sendSubscribe(true);
        }
        else if (this.current.status === 'closed') {
            this.reconnect();
        }
        return acknowledged;
    }
    /** Closes for good (1000): no reconnect until `reconnect()`. */
    close() {
        this.stopRetrying();
        const socket = this.socket;
        this.detach();
        socket?.close(1000, 'client closed');
        this.finish(1000, 'closed by the client');
    }
    /** Starts again after a final close, or cuts a backoff wait short. */
    reconnect() {
        if (this.socket)
            return;
        this.stopRetrying();
        this.failures = 0;
        this.open();
    }
    open() {
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
        socket.onmessage = (event) => this.receive(event.data);
        socket.onclose = (event) => {
            if (this.socket !== socket)
                return;
            if (this.subscribedAt !== undefined && Date.now() - this.subscribedAt >= stableConnectionMs)
                this.failures = 0;
            this.detach();
            void this.closed(event.code, event.reason);
        };
    }
    sendSubscribe(inPlace) {
        const frame = { '@type': 'subscribe', jwt: this.token, ...this.hooks.subscribeFields(inPlace) };
        this.socket?.send(JSON.stringify(frame));
    }
    receive(data) {
        if (typeof data !== 'string')
            return; // the protocol's frames are text; binary frames carry nothing
        let frame;
        try {
            frame = JSON.parse(data);
        }
        catch {
            return;
        }
        if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
            return;
        const typed = frame;
        switch (typed['@type']) {
            case 'subscribed': {
                const inPlace = this.refreshesPending > 0;
                if (inPlace)
                    this.refreshesPending -= 1;
                this.subscribedOnSocket = true;
                this.subscribedAt ?? (this.subscribedAt = Date.now());
                if (!inPlace)
                    this.setState({ status: 'open' });
                this.hooks.onSubscribed(typed, inPlace);
                this.settleWaiters((w) => w.resolve(typed));
                break;
            }
            case 'error':
                this.hooks.onError(typed);
                break;
            default:
                this.hooks.onFrame(typed);
        }
    }
    async closed(code, reason) {
        switch (closeAction(code)) {
            case 'stay-closed':
            case 'report':
                this.finish(code, reason);
                return;
            case 'renew-token': {
                this.setState({ status: 'renewing-token', code, reason });
                const token = await this.askForToken();
                if (this.current.status !== 'renewing-token')
                    return; // closed or reconnected by the app meanwhile
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
    async askForToken() {
        try {
            return (await this.options.renewToken?.()) ?? undefined;
        }
        catch {
            return undefined;
        }
    }
    scheduleRetry(code, reason) {
        const delayMs = fullJitterDelay(this.failures, this.backoff, this.random);
        this.failures += 1;
        this.setState({ status: 'reconnecting', attempt: this.failures, delayMs, retryAt: Date.now() + delayMs, code, reason });
        this.retryTimer = setTimeout(() => {
            this.retryTimer = undefined;
            this.open();
        }, delayMs);
    }
    /** Visible and online again: a paused session tries at once. */
    resume() {
        if (this.current.status === 'paused')
            this.open();
    }
    finish(code, reason) {
        this.setState({ status: 'closed', code, reason });
        this.settleWaiters((w) => w.reject(new Error(`connection closed (${code}${reason ? `: ${reason}` : ''})`)));
    }
    detach() {
        if (!this.socket)
            return;
        // onerror stays a no-op: closing a socket that is still connecting reports an error too.
        this.socket.onopen = this.socket.onmessage = this.socket.onclose = null;
        this.socket = undefined;
        this.subscribedOnSocket = false;
        this.subscribedAt = undefined;
        this.refreshesPending = 0;
    }
    stopRetrying() {
        if (this.retryTimer !== undefined)
            clearTimeout(this.retryTimer);
        this.retryTimer = undefined;
    }
    settleWaiters(settle) {
        const waiters = this.waiters;
        this.waiters = [];
        waiters.forEach(settle);
    }
    setState(state) {
        this.current = state;
        this.hooks.onState(state);
    }
}
