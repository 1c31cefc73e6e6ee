// Protocol v2 (PROTOCOL 7.1) spoken by a scripted server, for the cursor bookkeeping the real gateway cannot be made to
// show on demand: the client opts in, keeps the last cursor, asks to recover from it after a reconnect and tells the
// app the answer. recovery.test.mjs does the same against a real gateway.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import { connect } from '../dist/index.js';
import { startScriptedServer } from './support/scriptedServer.mjs';
import { nextEvent, waitFor } from './support/waitFor.mjs';

const subscribed = (extra) => ({ '@type': 'subscribed', user: 'alice', workspaces: ['ws-projects'], exp: 2e9, ...extra });
const nodeEvent = (pos, path) => ({ Target: { Uuid: path, Path: path }, '@pos': pos });

test('opts in with v 2, recovers from the last cursor, reports recovered then lost', async () => {
  const server = await startScriptedServer();
  const client = connect({ url: server.url, token: 'jwt', WebSocket, backoff: { baseMs: 10, maxMs: 20 } });
  const subscriptions = [];
  client.on('subscribed', (s) => subscriptions.push(s));
  const paths = [];
  client.on('node', (e) => paths.push(e.Target.Path));
  try {
    const first = await server.subscribeOf(0);
    assert.deepEqual(first.received[0], { '@type': 'subscribe', jwt: 'jwt', v: 2 });
    server.send(first, subscribed({ pos: 'p1' }));
    await client.subscribed;
    assert.equal(client.position, 'p1');
    server.send(first, nodeEvent('p2', 'projects/a'));
    await waitFor(() => client.position === 'p2', { what: 'cursor p2' });
    first.socket.close(1012, 'restart');

    const second = await server.subscribeOf(1);
    assert.deepEqual(second.received[0], { '@type': 'subscribe', jwt: 'jwt', v: 2, recover: 'p2' });
    server.send(second, subscribed({ pos: 'p9', recovered: true }));
    await waitFor(() => subscriptions.length === 2, { what: 'second subscribed' });
    assert.equal(client.position, 'p2', 'the cursor stays at the last event until the replay moves it');
    server.send(second, nodeEvent('p3', 'projects/b'));
    await waitFor(() => client.position === 'p3', { what: 'replayed p3' });
    second.socket.close(1011, 'oops');

    const third = await server.subscribeOf(2);
    assert.equal(third.received[0].recover, 'p3');
    server.send(third, subscribed({ pos: 'p20', recovered: false }));
    await waitFor(() => subscriptions.length === 3, { what: 'third subscribed' });
    assert.equal(client.position, 'p20', 'not recovered: resume from the head');

    assert.deepEqual(subscriptions.map((s) => [s.recovery, s.protocol]), [['none', 2], ['recovered', 2], ['lost', 2]]);
    assert.deepEqual(paths, ['projects/a', 'projects/b']);
  } finally {
    client.close();
    await server.close();
  }
});

test('a v1 server (no position): no recover asked after a reconnect, recovery reported unsupported', async () => {
  const server = await startScriptedServer();
  const client = connect({ url: server.url, token: 'jwt', WebSocket, backoff: { baseMs: 10, maxMs: 20 } });
  const subscriptions = [];
  client.on('subscribed', (s) => subscriptions.push(s));
  try {
    const first = await server.subscribeOf(0);
    server.send(first, subscribed({}));
    await client.subscribed;
    first.socket.close(1012, 'restart');
    const second = await server.subscribeOf(1);
    assert.deepEqual(second.received[0], { '@type': 'subscribe', jwt: 'jwt', v: 2 });
    server.send(second, subscribed({}));
    await waitFor(() => subscriptions.length === 2, { what: 'second subscribed' });
    assert.deepEqual(subscriptions.map((s) => [s.recovery, s.protocol]), [['none', 1], ['unsupported', 1]]);
    assert.equal(client.position, undefined);
  } finally {
    client.close();
    await server.close();
  }
});

test('a token refresh in place does not ask to recover', async () => {
  const server = await startScriptedServer();
  const client = connect({ url: server.url, token: 'jwt', WebSocket });
  try {
    const connection = await server.subscribeOf(0);
    server.send(connection, subscribed({ pos: 'p1' }));
    await client.subscribed;
    const refreshed = client.refreshToken('jwt2');
    await waitFor(() => connection.received.length === 2, { what: 'second subscribe' });
    assert.deepEqual(connection.received[1], { '@type': 'subscribe', jwt: 'jwt2', v: 2 });
    server.send(connection, subscribed({ pos: 'p2' }));
    assert.equal((await refreshed).recovery, 'none');
  } finally {
    client.close();
    await server.close();
  }
});

test('an unknown frame is ignored, the next event still arrives', async () => {
  const server = await startScriptedServer();
  const client = connect({ url: server.url, token: 'jwt', WebSocket });
  try {
    const connection = await server.subscribeOf(0);
    server.send(connection, subscribed({}));
    await client.subscribed;
    const node = nextEvent(client, 'node');
    server.send(connection, { '@type': 'something-new', x: 1 });
    server.send(connection, { Type: 'DELETE', Source: { Uuid: 'n', Path: 'projects/x' } });
    assert.equal((await node).Type, 'DELETE');
  } finally {
    client.close();
    await server.close();
  }
});
