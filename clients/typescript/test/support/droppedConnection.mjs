// Drops a client's connection under it, from the test: the client sees 1006 and reconnects by itself.
import WebSocket from 'ws';

/** Keeps the client's sockets, so `drop()` can cut the current one (no close frame: 1006 on the client). */
export function droppable() {
  const sockets = [];
  const Droppable = class extends WebSocket {
    constructor(url) {
      super(url);
      sockets.push(this);
    }
  };
  return { WebSocket: Droppable, drop: () => sockets.at(-1).terminate() };
}

/**
 * Client options under which a dropped client waits 30 s before its next attempt, so what it misses is exactly what
 * the test publishes until it calls `client.reconnect()` (which cuts the wait short).
 */
export const reconnectOnlyWhenAsked = { backoff: { baseMs: 60_000, maxMs: 60_000 }, random: () => 0.5 };
