// The chat socket against a real gateway: join, post, edit, delete, history pages, presence, leave, refusals,
// the catch-up of missed posts after a dropped connection and the rejoin after a gateway restart.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { connectChat } from '../dist/index.js';
import { startGateway } from './support/gateway.mjs';
import { droppable, reconnectOnlyWhenAsked } from './support/droppedConnection.mjs';
import { recording } from './support/socketSpies.mjs';
import { mintToken } from './support/tokens.mjs';
import { nextEvent, waitFor } from './support/waitFor.mjs';

let gateway;
const clients = [];
const chatAs = async (login, options = {}) => {
  const client = connectChat({ url: gateway.chatUrl, token: mintToken(login), WebSocket, backoff: { baseMs: 50, maxMs: 500 }, ...options });
  clients.push(client);
  await client.subscribed;
  return client;
};
const freshRoom = () => ({ Type: 'GLOBAL', RoomTypeObject: `room-${randomUUID()}`, RoomLabel: 'Test room' });
const presence = (room) => [...(room.Users ?? [])].sort();

/** Missed events a rejoin catches up at most (PROTOCOL 7.2); more answer the newest ones and MAY_HAVE_MORE. */
const maxCatchUp = 3;

before(async () => {
  // Every test makes its own GLOBAL room: both test users' roles may create them (Chat:GlobalRoomCreatorRoles).
  gateway = await startGateway({ Realtime__Chat__MaxCatchUp: String(maxCatchUp), Realtime__Chat__GlobalRoomCreatorRoles: 'role-team,role-finance' });
});
after(async () => {
  clients.forEach((c) => c.close());
  await gateway?.dispose();
});

test('join, presence of two users, a post from one reaches the other, edit, delete, leave', async () => {
  const alice = await chatAs('alice');
  const bob = await chatAs('bob');
  const ref = freshRoom();

  const joined = await alice.join(ref);
  assert.ok(joined.Uuid);
  assert.equal(joined.RoomLabel, 'Test room');
  assert.deepEqual(presence(joined), ['alice']);

  const bobSeen = nextEvent(alice, 'room', (r) => presence(r).includes('bob'));
  await bob.join(ref);
  assert.deepEqual(presence(await bobSeen), ['alice', 'bob']);

  const received = nextEvent(alice, 'message', (m) => m.Author === 'bob');
  const posted = await bob.post(joined.Uuid, 'hello alice');
  assert.equal(posted.Author, 'bob');
  assert.ok(posted.Uuid && posted.Timestamp);
  assert.deepEqual(await received, posted);

  const edited = nextEvent(alice, 'message', (m) => m.Uuid === posted.Uuid && m.Message === 'hello, alice');
  assert.equal((await bob.edit(posted, 'hello, alice')).Uuid, posted.Uuid);
  await edited;

  const deleted = nextEvent(alice, 'deleted');
  assert.equal((await bob.delete(posted)).Uuid, posted.Uuid);
  assert.equal((await deleted).Uuid, posted.Uuid);

  const bobGone = nextEvent(alice, 'room', (r) => !presence(r).includes('bob'));
  bob.leave(joined.Uuid);
  assert.deepEqual(presence(await bobGone), ['alice']);
  assert.throws(() => bob.leave(joined.Uuid), /not joined/);
});

test('history pages, oldest first, with the next page while older messages exist', async () => {
  const alice = await chatAs('alice');
  const ref = freshRoom();
  const room = await alice.join(ref);
  for (let i = 1; i <= 5; i++) await alice.post(room.Uuid, `m${i}`);

  const texts = (page) => page.messages.map((m) => m.Message);
  const first = await alice.historyPage(ref, { limit: 2 });
  assert.deepEqual(texts(first), ['m4', 'm5']);
  assert.deepEqual(first.next, { offset: 2, limit: 2 });
  const second = await alice.historyPage(ref, first.next);
  assert.deepEqual(texts(second), ['m2', 'm3']);
  const last = await alice.historyPage(ref, second.next);
  assert.deepEqual(texts(last), ['m1']);
  assert.equal(last.next, undefined);
});

test('a refused join rejects with the reason; the socket stays open', async () => {
  const bob = await chatAs('bob');
  await assert.rejects(bob.join({ Type: 'WORKSPACE', RoomTypeObject: 'ws-projects' }), /.+/);
  assert.equal(bob.state.status, 'open');
  assert.ok(await bob.join(freshRoom()));
});

test('two posts of the same text resolve with one message each', async () => {
  const alice = await chatAs('alice');
  const room = await alice.join(freshRoom());
  const [first, second] = await Promise.all([alice.post(room.Uuid, 'same'), alice.post(room.Uuid, 'same')]);
  assert.notEqual(first.Uuid, second.Uuid);
});

test('calls on a room not joined are refused by the client', async () => {
  const alice = await chatAs('alice');
  await assert.rejects(alice.post('no-such-room', 'x'), /not joined/);
});

test('a USER room is joined whatever the order of its logins, and labelled by the server', async () => {
  const alice = await chatAs('alice');
  const bob = await chatAs('bob');
  const forAlice = await alice.join({ Type: 'USER', RoomTypeObject: 'bob, alice', RoomLabel: 'Chat with Bob' });
  const forBob = await bob.join({ Type: 'USER', RoomTypeObject: 'alice,bob' });
  assert.equal(forAlice.Uuid, forBob.Uuid);
  assert.equal(forAlice.RoomLabel, 'alice, bob');
  assert.equal(forBob.RoomLabel, 'alice, bob');
});

test('after a gateway restart the rooms are joined again, with After the last message seen', async () => {
  const spy = recording();
  const alice = await chatAs('alice', { WebSocket: spy.WebSocket });
  const bob = await chatAs('bob');
  const ref = freshRoom();
  const room = await alice.join(ref);
  await bob.join(ref);
  const older = await bob.post(room.Uuid, 'older');
  const last = await bob.post(room.Uuid, 'before the restart');
  const editSeen = nextEvent(alice, 'message', (m) => m.Uuid === older.Uuid && m.Message === 'older, edited');
  await bob.edit(older, 'older, edited');
  await editSeen; // an edit of an older message does not move alice's After back

  await gateway.restart();
  await waitFor(() => alice.state.status === 'open' && bob.state.status === 'open', { what: 'both open again' });
  const rejoin = await waitFor(
    () => spy.sent.find((f) => f['@type'] === 'JOIN' && f.Message?.Message?.includes('After')),
    { what: 'rejoin with After' },
  );
  assert.deepEqual(rejoin.Room, ref);
  assert.deepEqual(JSON.parse(rejoin.Message.Message), { After: last.Uuid });

  const afterRestart = nextEvent(alice, 'message', (m) => m.Message === 'after the restart');
  await waitFor(() => bob.post(room.Uuid, 'after the restart').then(() => true, () => false), { what: 'bob posts again' });
  await afterRestart;
});

test('after a dropped connection the rejoin (JOIN with After) delivers the posts missed, once each, in order, then live', async () => {
  const dropping = droppable();
  const alice = await chatAs('alice', { WebSocket: dropping.WebSocket, ...reconnectOnlyWhenAsked });
  const bob = await chatAs('bob');
  const ref = freshRoom();
  const room = await alice.join(ref);
  await bob.join(ref);
  const seen = [];
  alice.on('message', (m) => m.RoomUuid === room.Uuid && seen.push(m.Message));
  await bob.post(room.Uuid, 'before the drop');
  await waitFor(() => seen.length === 1, { what: 'the first post' });

  dropping.drop();
  await waitFor(() => alice.state.status === 'reconnecting', { what: 'reconnecting' });
  await bob.post(room.Uuid, 'missed 1');
  await bob.post(room.Uuid, 'missed 2');
  alice.reconnect();
  await waitFor(() => seen.length === 3, { what: 'the missed posts' });
  await bob.post(room.Uuid, 'live');
  await waitFor(() => seen.length === 4, { what: 'the live post' });
  await new Promise((r) => setTimeout(r, 300)); // room for a duplicate to show up

  assert.deepEqual(seen, ['before the drop', 'missed 1', 'missed 2', 'live']);
});

/** alice in a fresh room with bob, her connection dropped (she waits for `reconnect()`) after she saw `seenFirst`. */
async function aliceAwayFromRoom(seenFirst) {
  const dropping = droppable();
  const alice = await chatAs('alice', { WebSocket: dropping.WebSocket, ...reconnectOnlyWhenAsked });
  const bob = await chatAs('bob');
  const ref = freshRoom();
  const room = await alice.join(ref);
  await bob.join(ref);
  const seen = [];
  alice.on('message', (m) => m.RoomUuid === room.Uuid && seen.push(m.Message));
  const first = await bob.post(room.Uuid, seenFirst);
  await waitFor(() => seen.length === 1, { what: 'the first post' });
  dropping.drop();
  await waitFor(() => alice.state.status === 'reconnecting', { what: 'reconnecting' });
  return { alice, bob, room, seen, first };
}

test('more posts missed than the catch-up sends: the newest ones, then the app is told where history continues', async () => {
  const { alice, bob, room, seen } = await aliceAwayFromRoom('seen');
  for (let i = 1; i <= maxCatchUp + 2; i++) await bob.post(room.Uuid, `missed ${i}`);
  const missed = nextEvent(alice, 'missed');
  alice.reconnect();
  assert.deepEqual(await missed, { roomUuid: room.Uuid, next: { offset: maxCatchUp, limit: maxCatchUp } });
  assert.deepEqual(seen, ['seen', 'missed 3', 'missed 4', 'missed 5']);
});

test('the last message seen was deleted and forgotten meanwhile: the app is told, and its next call is not refused for it', async () => {
  const { alice, bob, room, seen, first } = await aliceAwayFromRoom('deleted while away');
  await bob.delete(first);
  for (let i = 1; i <= maxCatchUp; i++) await bob.post(room.Uuid, `posted while away ${i}`);
  const missed = nextEvent(alice, 'missed');
  // The app posts as soon as the room is back: the refusal of the rejoin's After must not answer this post.
  const posted = new Promise((resolve, reject) =>
    alice.on('room', (r) => r.Uuid === room.Uuid && alice.post(room.Uuid, 'back').then(resolve, reject)),
  );
  alice.reconnect();
  assert.deepEqual(await missed, { roomUuid: room.Uuid });
  assert.equal((await posted).Message, 'back');
  assert.deepEqual(seen, ['deleted while away', 'back']);
});
