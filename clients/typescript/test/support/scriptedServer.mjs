// A WebSocket server on loopback whose answers the test writes: for what the real gateway cannot be made to do
// on demand (close 1011 or 4008, speak protocol v2 before the gateway does).
import { WebSocketServer } from 'ws';
import { waitFor } from './waitFor.mjs';

export async function startScriptedServer() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  const connections = [];
  server.on('connection', (socket) => {
    const connection = { socket, received: [] };
    socket.on('message', (data) => connection.received.push(JSON.parse(String(data))));
    connections.push(connection);
  });
  return {
    url: `ws://127.0.0.1:${server.address().port}/ws`,
    connections,
    /** The n-th connection (0-based) once its first frame (the subscribe) arrived. */
    subscribeOf: (n) => waitFor(() => connections[n]?.received[0] && connections[n], { what: `subscribe on connection ${n}` }),
    send: (connection, frame) => connection.socket.send(JSON.stringify(frame)),
    close: () =>
      new Promise((r) => {
        connections.forEach((c) => c.socket.terminate());
        server.close(r);
      }),
  };
}
