// Protocol v2 recovery (PROTOCOL 7.1) against a real gateway on NATS with JetStream (the bus whose retained window
// outlives a gateway restart): positions on every frame, a resume after a dropped connection and after a restart
// that delivers exactly what was missed then live frames, and an honest "lost" when the catch-up is too big.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { connect } from '../dist/index.js';
import { droppable, reconnectOnlyWhenAsked } from './support/droppedConnection.mjs';
import { ingest, repoRoot, startGateway } from './support/gateway.mjs';
import { startNats } from './support/nats.mjs';
import { sleep } from './support/ports.mjs';
import { mintToken } from './support/tokens.mjs';
import { nextEvent, waitFor } from './support/waitFor.mjs';

/** Frames one socket may be replayed: a catch-up bigger than this answers recovered:false. */
const maxReplayFrames = 10;
const treeSubject = 'topic.pydio.tree.nodes.changes';
/** A new file in a workspace folder: `projects` is alice's (role-team), `finance` bob's (role-finance). */
const created = (folder, name) => ({ Type: 'CREATE', Target: { Uuid: `n-${randomUUID()}`, Path: `pydiods1/${folder}/${name}`, Type: 'LEAF' } });
const taskOfAlice = readFileSync(join(repoRoot, 'samples/events/task.json'), 'utf8');

let nats;
let gateway;
const clients = [];
const open = (login, options = {}) => {
  const client = connect({ url: gateway.wsUrl, token: mintToken(login), WebSocket, backoff: { baseMs: 100, maxMs: 1000 }, ...options });
  clients.push(client);
  return client;
};
/** Every event frame a client delivers, in order, as received (with its `@pos`). */
const framesOf = (client) => {
  const frames = [];
  for (const kind of ['node', 'task', 'idm', 'activity']) client.on(kind, (frame) => frames.push(frame));
  return frames;
};
const subscriptionsOf = (client) => {
  const subscriptions = [];
  client.on('subscribed', (s) => subscriptions.push(s));
  return subscriptions;
};
const pathsOf = (frames) => frames.map((f) => f.Target?.Path ?? `task ${f.TaskUpdated?.JobID}`);
/** Frames that arrive after what a test waited for would be duplicates: give them time to show up. */
const quietPeriod = () => sleep(300);

before(async () => {
  nats = await startNats();
  gateway = await startGateway({ Realtime__Nats__Url: nats.url, Realtime__Recovery__MaxReplayFrames: String(maxReplayFrames) });
});
after(async () => {
  clients.forEach((c) => c.close());
  await gateway?.dispose();
  await nats?.dispose();
});

test('a v2 subscribe gets a stream position, every event frame its @pos, and the client keeps the last one', async () => {
  const client = open('alice');
  const subscription = await client.subscribed;
  assert.equal(subscription.protocol, 2);
  assert.equal(subscription.recovery, 'none');
  const subscribedAt = client.position;
  assert.equal(typeof subscribedAt, 'string');
  const node = nextEvent(client, 'node');
  await ingest(gateway, 'tree', created('projects', 'positioned.txt'));
  const frame = await node;
  assert.equal(typeof frame['@pos'], 'string');
  assert.notEqual(frame['@pos'], subscribedAt);
  assert.equal(client.position, frame['@pos']);
});

test('a dropped connection resumes from its cursor: the missed frames it may see, in order, then live, as if never dropped', async () => {
  const control = open('alice');
  const dropping = droppable();
  const resuming = open('alice', { WebSocket: dropping.WebSocket, ...reconnectOnlyWhenAsked });
  const expected = framesOf(control);
  const received = framesOf(resuming);
  const subscriptions = subscriptionsOf(resuming);
  await Promise.all([control.subscribed, resuming.subscribed]);
  await ingest(gateway, 'tree', created('projects', 'before-drop.txt'));
  await waitFor(() => expected.length === 1 && received.length === 1, { what: 'the first event on both' });

  dropping.drop();
  await waitFor(() => resuming.state.status === 'reconnecting', { what: 'reconnecting' });
  for (const event of [created('projects', 'missed-1.txt'), created('finance', 'not-for-alice-1.txt'), created('projects', 'missed-2.txt'), created('finance', 'not-for-alice-2.txt')])
    await ingest(gateway, 'tree', event);
  await ingest(gateway, 'task', taskOfAlice);
  await waitFor(() => expected.length === 4, { what: 'the missed events on the connected client' });

  // Events keep coming while the client resumes: the seam between replay and live must hold.
  resuming.reconnect();
  for (let i = 1; i <= 5; i++) await ingest(gateway, 'tree', created('projects', `seam-${i}.txt`));
  await waitFor(() => expected.length === 9 && received.length === 9, { what: 'every event on both' });
  await quietPeriod();

  assert.deepEqual(subscriptions.map((s) => s.recovery), ['none', 'recovered']);
  assert.deepEqual(pathsOf(received), [
    'projects/before-drop.txt', 'projects/missed-1.txt', 'projects/missed-2.txt', 'task copy-job',
    ...[1, 2, 3, 4, 5].map((i) => `projects/seam-${i}.txt`),
  ]);
  assert.deepEqual(received, expected, 'the same frames, positions included, as the client that stayed connected');
  assert.equal(resuming.position, received.at(-1)['@pos']);
});

test('more missed than the server replays: recovered false, reported as lost, nothing replayed, live again and resumable', async () => {
  const dropping = droppable();
  const client = open('alice', { WebSocket: dropping.WebSocket, ...reconnectOnlyWhenAsked });
  const received = framesOf(client);
  const subscriptions = subscriptionsOf(client);
  await client.subscribed;

  dropping.drop();
  await waitFor(() => client.state.status === 'reconnecting', { what: 'reconnecting' });
  for (let i = 1; i <= maxReplayFrames + 1; i++) await ingest(gateway, 'tree', created('projects', `too-many-${i}.txt`));
  const lost = nextEvent(client, 'subscribed');
  client.reconnect();
  assert.equal((await lost).recovery, 'lost');
  await ingest(gateway, 'tree', created('projects', 'live-after-lost.txt'));
  await waitFor(() => received.length === 1, { what: 'the live event' });

  // The cursor moved to the head: the next drop is recoverable again.
  dropping.drop();
  await waitFor(() => client.state.status === 'reconnecting', { what: 'reconnecting again' });
  await ingest(gateway, 'tree', created('projects', 'missed-after-lost.txt'));
  const recovered = nextEvent(client, 'subscribed');
  client.reconnect();
  assert.equal((await recovered).recovery, 'recovered');
  await waitFor(() => received.length === 2, { what: 'the replayed event' });
  await quietPeriod();

  assert.deepEqual(subscriptions.map((s) => s.recovery), ['none', 'lost', 'recovered']);
  assert.deepEqual(pathsOf(received), ['projects/live-after-lost.txt', 'projects/missed-after-lost.txt']);
});

test('the gateway restarted under it: what was published on the bus while it was down is recovered, for its user only', async () => {
  const alice = open('alice');
  const bob = open('bob');
  const aliceFrames = framesOf(alice);
  const bobFrames = framesOf(bob);
  const aliceSubscriptions = subscriptionsOf(alice);
  const bobSubscriptions = subscriptionsOf(bob);
  await Promise.all([alice.subscribed, bob.subscribed]);
  await ingest(gateway, 'tree', created('projects', 'before-restart.txt'));
  await ingest(gateway, 'tree', created('finance', 'before-restart.txt'));
  await waitFor(() => aliceFrames.length === 1 && bobFrames.length === 1, { what: 'the events before the restart' });

  await gateway.stop();
  await nats.publish(treeSubject, created('projects', 'while-down.txt'));
  await nats.publish(treeSubject, created('finance', 'while-down.txt'));
  await gateway.start();
  await waitFor(() => aliceSubscriptions.length === 2 && bobSubscriptions.length === 2, { timeoutMs: 30_000, what: 'both subscribed again' });
  await ingest(gateway, 'tree', created('projects', 'after-restart.txt'));
  await ingest(gateway, 'tree', created('finance', 'after-restart.txt'));
  await waitFor(() => aliceFrames.length === 3 && bobFrames.length === 3, { what: 'the recovered and live events' });
  await quietPeriod();

  assert.deepEqual(aliceSubscriptions.map((s) => s.recovery), ['none', 'recovered']);
  assert.deepEqual(bobSubscriptions.map((s) => s.recovery), ['none', 'recovered']);
  assert.deepEqual(pathsOf(aliceFrames), ['projects/before-restart.txt', 'projects/while-down.txt', 'projects/after-restart.txt']);
  assert.deepEqual(pathsOf(bobFrames), ['finance/before-restart.txt', 'finance/while-down.txt', 'finance/after-restart.txt']);
});
