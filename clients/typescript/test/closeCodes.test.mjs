// Reconnect by close code (PROTOCOL 3.4) against a real gateway, and against a scripted server for the codes the
// gateway cannot be made to send on demand.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { closeAction, connect } from '../dist/index.js';
import { ingest, startGateway } from './support/gateway.mjs';
import { startScriptedServer } from './support/scriptedServer.mjs';
import { replacingFirstFrame } from './support/socketSpies.mjs';
import { mintToken } from './support/tokens.mjs';
import { nextEvent, waitFor } from './support/waitFor.mjs';

const fastBackoff = { baseMs: 50, maxMs: 200 };
let gateway;
const clients = [];
const open = (options) => {
  const client = connect({ url: gateway.wsUrl, WebSocket, backoff: fastBackoff, ...options });
  const states = [];
  client.on('state', (s) => states.push(s));
  clients.push(client);
  return { client, states };
};
const closedWith = (client, code) =>
  waitFor(() => client.state.status === 'closed' && client.state.code === code, { what: `closed with ${code}` });
/** Waits for a close with `code`, then an open, among the states recorded from index `from` on. */
const reconnectedAfter = (states, code, from = 0) =>
  waitFor(() => {
    const closedAt = states.findIndex((s, i) => i >= from && s.status === 'reconnecting' && s.code === code);
    return closedAt >= 0 && states.slice(closedAt).some((s) => s.status === 'open');
  }, { what: `reconnect after ${code}` });
const settle = (ms) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  gateway = await startGateway({ Realtime__Sockets__TokenExpiryGrace: '1', Realtime__Sockets__AuthTimeout: '1' });
});
after(async () => {
  clients.forEach((c) => c.close());
  await gateway?.dispose();
});

test('the close-code table of PROTOCOL 3.4', () => {
  assert.equal(closeAction(1000), 'stay-closed');
  for (const code of [1009, 4000]) assert.equal(closeAction(code), 'report');
  for (const code of [4001, 4002]) assert.equal(closeAction(code), 'renew-token');
  for (const code of [1006, 1011, 1012, 4003, 4008, 4029]) assert.equal(closeAction(code), 'reconnect');
});

test('4001: asks renewToken for a new token, then reconnects with it', async () => {
  const asked = [];
  const { client, states } = open({
    token: mintToken('alice', { key: 'another-key-that-the-gateway-does-not-know-0123' }),
    renewToken: () => (asked.push(Date.now()), mintToken('alice')),
  });
  assert.equal((await client.subscribed).user, 'alice');
  assert.equal(asked.length, 1);
  assert.ok(states.some((s) => s.status === 'renewing-token' && s.code === 4001));
});

test('4001 without renewToken, or when it gives nothing: stays closed', async () => {
  const bad = mintToken('alice', { key: 'another-key-that-the-gateway-does-not-know-0123' });
  const { client: noProvider } = open({ token: bad });
  await assert.rejects(noProvider.subscribed, /4001/);
  const { client: refusing } = open({ token: bad, renewToken: () => undefined });
  await closedWith(refusing, 4001);
});

test('4002: the expired token is renewed and the client reconnects', async () => {
  const { client, states } = open({ token: mintToken('alice', { ttlSeconds: 1 }), renewToken: () => mintToken('alice') });
  await client.subscribed;
  const expired = nextEvent(client, 'error', (e) => e.error === 'token expired');
  await expired;
  await reconnectedAfter(states, 4002);
  assert.equal(client.state.status, 'open');
});

test('4000 (malformed frame): reported, no reconnect loop', async () => {
  const { client, states } = open({ token: mintToken('alice'), WebSocket: replacingFirstFrame('not json') });
  await assert.rejects(client.subscribed, /4000/);
  await settle(500);
  assert.equal(client.state.status, 'closed');
  assert.equal(states.filter((s) => s.status === 'reconnecting' || s.status === 'connecting').length, 0);
});

test('1009 (frame too big): reported, no reconnect loop', async () => {
  const { client, states } = open({ token: mintToken('alice') });
  await client.subscribed;
  await assert.rejects(client.refreshToken('x'.repeat(70_000)), /1009/);
  await settle(500);
  assert.equal(client.state.status, 'closed');
  assert.equal(states.filter((s) => s.status === 'connecting').length, 0);
});

test('4003 (no subscribe in time): reconnects and subscribes', async () => {
  const { client, states } = open({ token: mintToken('alice'), WebSocket: replacingFirstFrame(undefined) });
  await client.subscribed;
  assert.ok(states.some((s) => s.status === 'reconnecting' && s.code === 4003));
});

test('4029 (too many frames): reconnects after a delay', async () => {
  const { client, states } = open({ token: mintToken('alice') });
  await client.subscribed;
  for (let i = 0; i < 150; i++) client.refreshToken(mintToken('alice')).catch(() => undefined);
  await reconnectedAfter(states, 4029);
});

test('1000 (closed by the app): stays closed', async () => {
  const { client, states } = open({ token: mintToken('alice') });
  await client.subscribed;
  client.close();
  await settle(300);
  assert.deepEqual(client.state, { status: 'closed', code: 1000, reason: 'closed by the client' });
  assert.equal(states.filter((s) => s.status === 'connecting').length, 0);
});

test('1012 (gateway restart) and 1006 (gateway killed): reconnects on its own; recovery lost, said honestly', async () => {
  const { client, states } = open({ token: mintToken('alice') });
  const subscriptions = [];
  client.on('subscribed', (s) => subscriptions.push(s));
  await client.subscribed;
  // Without NATS the recovery log lives in the process: a cursor of the previous process cannot be honoured.
  const receiveAnEvent = async () => {
    const node = nextEvent(client, 'node');
    await ingest(gateway, 'tree', { Target: { Uuid: `n-${Date.now()}`, Path: 'pydiods1/projects/before-restart.txt' } });
    await node;
  };
  await receiveAnEvent();
  await gateway.restart();
  await reconnectedAfter(states, 1012);
  await receiveAnEvent();
  const beforeKill = states.length;
  await gateway.kill();
  await gateway.start();
  await reconnectedAfter(states, 1006, beforeKill);
  assert.deepEqual(subscriptions.map((s) => s.recovery), ['none', 'lost', 'lost']);
});

test('1011 and 4008 (scripted server): reconnect with backoff', async () => {
  const server = await startScriptedServer();
  try {
    const { client, states } = connectTo(server);
    for (const [n, code] of [[0, 1011], [1, 4008]]) {
      const connection = await server.subscribeOf(n);
      server.send(connection, { '@type': 'subscribed', user: 'alice', workspaces: [], exp: 2e9 });
      await waitFor(() => client.state.status === 'open', { what: 'open' });
      connection.socket.close(code, 'scripted');
      await waitFor(() => states.some((s) => s.status === 'reconnecting' && s.code === code), { what: `reconnecting after ${code}` });
    }
    await server.subscribeOf(2);
  } finally {
    await server.close();
  }
});

function connectTo(server) {
  const client = connect({ url: server.url, token: 't', WebSocket, backoff: fastBackoff });
  const states = [];
  client.on('state', (s) => states.push(s));
  clients.push(client);
  return { client, states };
}
