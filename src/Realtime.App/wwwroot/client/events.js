import { Emitter } from './emitter.js';
import { classifyEventFrame } from './eventFrame.js';
import { Session } from './session.js';
/** The events socket (`/ws`): typed frames, the subscribe acknowledgement, recovery across reconnects. */
export class EventsClient {
    constructor(options) {
        this.emitter = new Emitter();
        this.recoverAsked = false;
        this.subscribedOnce = false;
        this.session = new Session(options, {
            subscribeFields: (inPlace) => this.subscribeFields(inPlace),
            onSubscribed: (frame, inPlace) => this.onSubscribed(frame, inPlace),
            onError: (frame) => this.emitter.emit('error', frame),
            onFrame: (frame) => this.onFrame(frame),
            onState: (state) => this.emitter.emit('state', state),
        });
        this.subscribed = this.session.nextSubscribed().then(() => this.lastSubscription);
        // An app that never awaits `subscribed` must not get an unhandled rejection when it closes early.
        this.subscribed.catch(() => undefined);
    }
    on(event, handler) {
        return this.emitter.on(event, handler);
    }
    off(event, handler) {
        this.emitter.off(event, handler);
    }
    get state() {
        return this.session.state;
    }
    /** The last stream cursor received, undefined on a v1 server. */
    get position() {
        return this.cursor;
    }
    /** Re-subscribes with a new token on the open socket (no reconnect, nothing missed). */
    async refreshToken(token) {
        await this.session.refreshToken(token);
        return this.lastSubscription;
    }
    close() {
        this.session.close();
    }
    reconnect() {
        this.session.reconnect();
    }
    subscribeFields(inPlace) {
        // A v1 server ignores both fields (unknown fields of a subscribe are not an error).
        this.recoverAsked = !inPlace && this.cursor !== undefined;
        return this.recoverAsked ? { v: 2, recover: this.cursor } : { v: 2 };
    }
    onSubscribed(frame, inPlace) {
        const protocol = frame.pos === undefined ? 1 : 2;
        const recovery = this.recoveryOf(frame, inPlace);
        // While replaying, the cursor must stay at the last event received, not jump to the head of the stream.
        if (frame.pos !== undefined && recovery !== 'recovered')
            this.cursor = frame.pos;
        this.subscribedOnce = true;
        this.lastSubscription = { user: frame.user, workspaces: frame.workspaces, exp: frame.exp, recovery, protocol };
        this.emitter.emit('subscribed', this.lastSubscription);
    }
    recoveryOf(frame, inPlace) {
        if (inPlace || !this.subscribedOnce)
            return 'none';
        if (frame.pos === undefined)
            return 'unsupported';
        if (this.recoverAsked && frame.recovered === true)
            return 'recovered';
        return 'lost';
    }
    onFrame(frame) {
        const event = classifyEventFrame(frame);
        if (!event)
            return;
        const position = frame['@pos'];
        if (typeof position === 'string')
            this.cursor = position;
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
export function connect(options) {
    return new EventsClient(options);
}
