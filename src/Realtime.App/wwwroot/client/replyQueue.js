/**
 * The chat calls waiting for their answers. The chat protocol has no request ids: an answer is recognised by its
 * content, and an error frame (a refusal) answers the oldest call, since the socket handles frames in order.
 */
export class ReplyQueue {
    constructor(timeoutMs) {
        this.timeoutMs = timeoutMs;
        this.pending = [];
    }
    wait(match) {
        return new Promise((resolve, reject) => {
            const reply = {
                match,
                resolve: resolve,
                reject,
                timer: setTimeout(() => this.settle(reply, (r) => r.reject(new Error('no answer from the gateway in time'))), this.timeoutMs),
            };
            this.pending.push(reply);
        });
    }
    /** Resolves the oldest call this frame answers: one answer per call (two equal posts get one echo each). */
    offer(frame) {
        for (const reply of this.pending) {
            const result = reply.match(frame);
            if (result === undefined)
                continue;
            this.settle(reply, (r) => r.resolve(result));
            return;
        }
    }
    /** A refusal: rejects the oldest call. */
    refuse(reason) {
        const oldest = this.pending[0];
        if (oldest)
            this.settle(oldest, (r) => r.reject(new Error(reason)));
    }
    rejectAll(reason) {
        for (const reply of [...this.pending])
            this.settle(reply, (r) => r.reject(new Error(reason)));
    }
    settle(reply, how) {
        clearTimeout(reply.timer);
        this.pending = this.pending.filter((r) => r !== reply);
        how(reply);
    }
}
