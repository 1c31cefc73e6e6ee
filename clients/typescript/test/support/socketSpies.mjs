// WebSocket constructors for the client that change what it sends, to make a real gateway close a socket with a
// given code, or record what was sent.
import WebSocket from 'ws';

/** Replaces the first frame of the `firstSockets` first sockets (the subscribe) with `replacement`, or drops it. */
export function replacingFirstFrame(replacement, firstSockets = 1) {
  let created = 0;
  return class extends WebSocket {
    constructor(url) {
      super(url);
      this.tamper = created++ < firstSockets;
    }
    send(data) {
      if (this.tamper) {
        this.tamper = false;
        if (replacement !== undefined) super.send(replacement);
        return;
      }
      super.send(data);
    }
  };
}

/** Records every frame sent, parsed, in `sent`. */
export function recording() {
  const sent = [];
  const Recording = class extends WebSocket {
    send(data) {
      sent.push(JSON.parse(data));
      super.send(data);
    }
  };
  return { WebSocket: Recording, sent };
}
