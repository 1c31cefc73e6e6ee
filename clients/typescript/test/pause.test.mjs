// No reconnect attempt while the page is hidden or the browser offline; attempts resume by themselves after.
// The browser's globals are stood in for here (outside a browser the client never pauses).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { connect } from '../dist/index.js';
import { startScriptedServer } from './support/scriptedServer.mjs';
import { waitFor } from './support/waitFor.mjs';

const page = Object.assign(new EventTarget(), { visibilityState: 'visible' });
const browserWindow = new EventTarget();
const network = { onLine: true };
const installed = ['document', 'window', 'navigator'].map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]);

before(() => {
  for (const [name, value] of [['document', page], ['window', browserWindow], ['navigator', network]])
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
});
after(() => {
  for (const [name, descriptor] of installed)
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else delete globalThis[name];
});

const subscribed = { '@type': 'subscribed', user: 'alice', workspaces: [], exp: 2e9 };
const settle = (ms) => new Promise((r) => setTimeout(r, ms));

test('hidden: no attempt until visible again; offline: no attempt until online again', async () => {
  const server = await startScriptedServer();
  page.visibilityState = 'hidden';
  const client = connect({ url: server.url, token: 't', WebSocket, backoff: { baseMs: 10, maxMs: 20 } });
  try {
    assert.deepEqual(client.state, { status: 'paused', reason: 'hidden' });
    await settle(200);
    assert.equal(server.connections.length, 0, 'no connection while hidden');

    page.visibilityState = 'visible';
    page.dispatchEvent(new Event('visibilitychange'));
    server.send(await server.subscribeOf(0), subscribed);
    await client.subscribed;

    network.onLine = false;
    server.connections[0].socket.close(1012, 'restart');
    await waitFor(() => client.state.status === 'paused', { what: 'paused while offline' });
    assert.equal(client.state.reason, 'offline');
    await settle(200);
    assert.equal(server.connections.length, 1, 'no attempt while offline');

    network.onLine = true;
    browserWindow.dispatchEvent(new Event('online'));
    server.send(await server.subscribeOf(1), subscribed);
    await waitFor(() => client.state.status === 'open', { what: 'open once online' });
  } finally {
    client.close();
    await server.close();
  }
});
