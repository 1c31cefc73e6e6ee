/** A typed event emitter: `Events` maps each event name to its payload. */
export class Emitter {
    constructor() {
        this.handlers = new Map();
    }
    /** Adds a handler; returns the function that removes it. */
    on(event, handler) {
        let set = this.handlers.get(event);
        if (!set) {
            set = new Set();
            this.handlers.set(event, set);
        }
        set.add(handler);
        return () => this.off(event, handler);
    }
    off(event, handler) {
        this.handlers.get(event)?.delete(handler);
    }
    emit(event, payload) {
        for (const handler of [...(this.handlers.get(event) ?? [])]) {
            // A failing app handler must not break the client's own frame handling.
            try {
                handler(payload);
            }
            catch (error) {
                queueMicrotask(() => {
                    throw error;
                });
            }
        }
    }
}
