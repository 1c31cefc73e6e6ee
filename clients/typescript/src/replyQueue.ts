/** A call waiting for the frame that answers it: `match` returns the result, or undefined for another frame. */
interface PendingReply {
  match(frame: Record<string, unknown>): unknown;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The chat calls waiting for their answers. The chat protocol has no request ids: an answer is recognised by its
 * content, and an error frame (a refusal) answers the oldest call, since the socket handles frames in order.
 */
export class ReplyQueue {
  private pending: PendingReply[] = [];

  constructor(private readonly timeoutMs: number) {}

  wait<T>(match: (frame: Record<string, unknown>) => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const reply: PendingReply = {
        match,
        resolve: resolve as (result: unknown) => void,
        reject,
        timer: setTimeout(() => this.settle(reply, (r) => r.reject(new Error('no answer from the gateway in time'))), this.timeoutMs),
      };
      this.pending.push(reply);
    });
  }

  /** Resolves the oldest call this frame answers: one answer per call (two equal posts get one echo each). */
  offer(frame: Record<string, unknown>): void {
    for (const reply of this.pending) {
      const result = reply.match(frame);
      if (result === undefined) continue;
      this.settle(reply, (r) => r.resolve(result));
      return;
    }
  }

  /** A refusal: rejects the oldest call. */
  refuse(reason: string): void {
    const oldest = this.pending[0];
    if (oldest) this.settle(oldest, (r) => r.reject(new Error(reason)));
  }

  rejectAll(reason: string): void {
    for (const reply of [...this.pending]) this.settle(reply, (r) => r.reject(new Error(reason)));
  }

  private settle(reply: PendingReply, how: (reply: PendingReply) => void): void {
    clearTimeout(reply.timer);
    this.pending = this.pending.filter((r) => r !== reply);
    how(reply);
  }
}
