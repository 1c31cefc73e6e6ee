// The events socket against a real gateway: subscribe, every frame kind, token refresh in place.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { connect, eventWorkspaceId } from '../dist/index.js';
import { ingest, repoRoot, startGateway } from './support/gateway.mjs';
import { mintToken } from './support/tokens.mjs';
import { nextEvent } from './support/waitFor.mjs';

const sample = (name) => readFileSync(join(repoRoot, 'samples/events', name), 'utf8');

let gateway;
const clients = [];
const open = (login, options = {}) => {
  const client = connect({ url: gateway.wsUrl, token: mintToken(login), WebSocket, ...options });
  clients.push(client);
  return client;
};

before(async () => {
  gateway = await startGateway();
});
after(async () => {
  clients.forEach((c) => c.close());
  await gateway?.dispose();
});

test('subscribed resolves with the user, the workspaces and a stream position (protocol 2), nothing to recover', async () => {
  const client = open('alice');
  const subscription = await client.subscribed;
  assert.equal(subscription.user, 'alice');
  assert.deepEqual([...subscription.workspaces].sort(), ['ws-projects', 'ws-shared']);
  assert.ok(subscription.exp > Date.now() / 1000);
  assert.equal(subscription.recovery, 'none');
  assert.equal(subscription.protocol, 2);
  assert.equal(typeof client.position, 'string');
  assert.equal(client.state.status, 'open');
});

test('node, task and activity frames are decoded from the sample events', async () => {
  const client = open('alice');
  await client.subscribed;

  const node = nextEvent(client, 'node');
  await ingest(gateway, 'tree', sample('tree-create.json'));
  const nodeFrame = await node;
  assert.equal(nodeFrame.Type, undefined, 'CREATE is the omitted zero value');
  assert.equal(nodeFrame.Target.Path, 'projects/report.docx');
  assert.equal(eventWorkspaceId(nodeFrame), 'ws-projects');
  assert.equal(typeof nodeFrame['@pos'], 'string');
  assert.equal(client.position, nodeFrame['@pos']);

  const task = nextEvent(client, 'task');
  await ingest(gateway, 'task', sample('task.json'));
  const taskFrame = await task;
  assert.equal(taskFrame.TaskUpdated.JobID, 'copy-job');
  assert.equal(taskFrame.TaskUpdated.Progress, 0.5);

  const activity = nextEvent(client, 'activity');
  await ingest(gateway, 'activity', sample('activity.json'));
  const activityFrame = await activity;
  assert.equal(activityFrame['@type'], 'activity');
  assert.equal(activityFrame.Activity.object.name, 'report.docx');
});

test('idm frames are decoded', async () => {
  const client = open('alice');
  await client.subscribed;
  const idm = nextEvent(client, 'idm');
  await ingest(gateway, 'idm', { Type: 'UPDATE', User: { Login: 'alice', Uuid: 'sub-alice', Password: 'secret' } });
  const frame = await idm;
  assert.equal(frame['@type'], 'idm');
  assert.equal(frame.Type, 'UPDATE');
  assert.equal(frame.User.Login, 'alice');
  assert.equal(frame.User.Password, undefined);
});

test('an error frame reaches the error handler', async () => {
  const client = open('alice');
  await client.subscribed;
  const error = nextEvent(client, 'error');
  await assert.rejects(client.refreshToken('not-a-token'));
  assert.match((await error).error, /.+/);
});

test('refreshToken re-subscribes in place: same socket, new identity, events keep coming', async () => {
  const client = open('alice');
  await client.subscribed;
  const states = [];
  client.on('state', (s) => states.push(s.status));

  const asBob = await client.refreshToken(mintToken('bob'));
  assert.equal(asBob.user, 'bob');
  assert.deepEqual(asBob.workspaces, ['ws-finance']);
  assert.equal(asBob.recovery, 'none');
  const asAlice = await client.refreshToken(mintToken('alice'));
  assert.equal(asAlice.user, 'alice');
  assert.deepEqual(states, [], 'no reconnect happened');

  const node = nextEvent(client, 'node');
  await ingest(gateway, 'tree', sample('tree-create.json'));
  assert.equal((await node).Target.Path, 'projects/report.docx');
});

test('refreshToken without a token asks renewToken', async () => {
  let asked = 0;
  const client = open('alice', { renewToken: () => (asked++, mintToken('bob')) });
  await client.subscribed;
  assert.equal((await client.refreshToken()).user, 'bob');
  assert.equal(asked, 1);
});

test('several refreshes in flight are each acknowledged in place', async () => {
  const client = open('alice');
  await client.subscribed;
  const acknowledgements = await Promise.all([1, 2, 3].map(() => client.refreshToken(mintToken('alice'))));
  assert.deepEqual(acknowledgements.map((s) => s.recovery), ['none', 'none', 'none']);
});

test('refreshToken after a final close (refused token, no renewToken) reconnects with the new token', async () => {
  const client = open('alice');
  await client.subscribed;
  await assert.rejects(client.refreshToken('not-a-token'));
  assert.equal(client.state.status, 'closed');
  assert.equal((await client.refreshToken(mintToken('bob'))).user, 'bob');
  assert.equal(client.state.status, 'open');
});
