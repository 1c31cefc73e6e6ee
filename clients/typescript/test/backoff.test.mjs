// Exponential backoff with full jitter: bounds, growth, cap, spread; and the delays a real outage produces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import { backoffCeiling, connect, fullJitterDelay } from '../dist/index.js';
import { startGateway } from './support/gateway.mjs';
import { startScriptedServer } from './support/scriptedServer.mjs';
import { mintToken } from './support/tokens.mjs';
import { waitFor } from './support/waitFor.mjs';

const options = { baseMs: 100, maxMs: 3_000 };

test('the ceiling doubles per attempt and stops at maxMs', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => backoffCeiling(n, options)), [100, 200, 400, 800, 1600, 3000, 3000]);
  assert.equal(backoffCeiling(5000, options), 3000, 'no overflow after many attempts');
});

test('a delay is drawn in [0, ceiling): the extremes of the random source stay inside', () => {
  for (const attempt of [0, 3, 10]) {
    assert.equal(fullJitterDelay(attempt, options, () => 0), 0);
    assert.ok(fullJitterDelay(attempt, options, () => 0.999999) < backoffCeiling(attempt, options));
  }
});

test('delays spread over the whole range (full jitter, not a fixed step)', () => {
  const delays = Array.from({ length: 2000 }, () => fullJitterDelay(4, options));
  const ceiling = backoffCeiling(4, options);
  assert.ok(delays.every((d) => d >= 0 && d < ceiling));
  assert.ok(Math.min(...delays) < ceiling * 0.1);
  assert.ok(Math.max(...delays) > ceiling * 0.9);
  const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
  assert.ok(Math.abs(mean - ceiling / 2) < ceiling * 0.1, `mean ${mean} near half the ceiling`);
});

test('during an outage each retry waits within its bound, the bounds grow, and the client never gives up', async () => {
  const gateway = await startGateway();
  const client = connect({ url: gateway.wsUrl, token: mintToken('alice'), WebSocket, backoff: { baseMs: 20, maxMs: 320 } });
  try {
    await client.subscribed;
    const retries = [];
    client.on('state', (s) => s.status === 'reconnecting' && retries.push(s));
    await gateway.kill();
    await waitFor(() => retries.length >= 10, { what: '10 retries' });
    retries.forEach((r, i) => {
      assert.equal(r.attempt, i + 1);
      assert.ok(r.delayMs >= 0 && r.delayMs < backoffCeiling(i, { baseMs: 20, maxMs: 320 }), `retry ${i}: ${r.delayMs} ms`);
    });
    assert.ok(new Set(retries.map((r) => r.delayMs)).size > 3, 'jittered delays differ');
    await gateway.start();
    await waitFor(() => client.state.status === 'open', { what: 'open after the outage' });
  } finally {
    client.close();
    await gateway.dispose();
  }
});

test('a server that drops each connection right after the subscribe is backed off from, not looped on', async () => {
  const server = await startScriptedServer();
  const client = connect({ url: server.url, token: 't', WebSocket, backoff: { baseMs: 5, maxMs: 1_000 } });
  const retries = [];
  client.on('state', (s) => s.status === 'reconnecting' && retries.push(s.attempt));
  try {
    for (let n = 0; n < 5; n++) {
      const connection = await server.subscribeOf(n);
      server.send(connection, { '@type': 'subscribed', user: 'alice', workspaces: [], exp: 2e9 });
      await waitFor(() => client.state.status === 'open', { what: `open ${n}` });
      connection.socket.close(1011, 'internal error');
      await waitFor(() => retries.length === n + 1, { what: `retry ${n}` });
    }
    assert.deepEqual(retries, [1, 2, 3, 4, 5]);
  } finally {
    client.close();
    await server.close();
  }
});
