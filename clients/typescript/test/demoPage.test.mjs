// The demo page at GET / in a real Chromium: two browser contexts as two users (alice: role-team, bob: role-finance),
// on a gateway that keeps its recovery window in NATS JetStream, so a restart loses nothing (PROTOCOL 7.1).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { connectAs, launchChromium, openDemoPage } from './support/browser.mjs';
import { ingest, repoRoot, startGateway } from './support/gateway.mjs';
import { startNats } from './support/nats.mjs';
import { mintToken } from './support/tokens.mjs';

const financeEvent = { Type: 'CREATE', Target: { Uuid: 'n-budget', Path: 'pydiods1/finance/budget.xlsx', Type: 'LEAF' } };

let nats;
let gateway;
let browser;
let alice;
let bob;

/** Records every data-status the element takes, so a short state is not missed between two polls. */
const recordStatuses = (page, selector) =>
  page.evaluate((sel) => {
    const element = document.querySelector(sel);
    window.statuses = [element.dataset.status];
    new MutationObserver(() => window.statuses.push(element.dataset.status)).observe(element, { attributes: true });
  }, selector);

before(async () => {
  nats = await startNats();
  gateway = await startGateway({ Realtime__Nats__Url: nats.url });
  browser = await launchChromium();
  alice = await openDemoPage(browser, `${gateway.httpUrl}/`);
  bob = await openDemoPage(browser, `${gateway.httpUrl}/`);
  await connectAs(alice.page, mintToken('alice'));
  await connectAs(bob.page, mintToken('bob'));
});
after(async () => {
  await browser?.close();
  await gateway?.dispose();
  await nats?.dispose();
});

test('the page loads and connects with no console error and no failed request', async () => {
  assert.match(await alice.page.title(), /Akka\.Realtime/);
  assert.match(await alice.page.textContent('#subscribed'), /subscribed as alice, workspaces ws-projects, ws-shared/);
  assert.match(await bob.page.textContent('#subscribed'), /subscribed as bob, workspaces ws-finance/);
  assert.deepEqual([...alice.problems, ...bob.problems], []);
});

test("an event of alice's workspace appears on her page, with its path, and never on bob's", async () => {
  await ingest(gateway, 'tree', readFileSync(join(repoRoot, 'samples/events/tree-create.json'), 'utf8'));
  await alice.page.waitForSelector('#events section[data-workspace="ws-projects"] li:has-text("projects/report.docx")');
  // bob's own event, ingested after alice's: once it is on his page, alice's would have been there before it.
  await ingest(gateway, 'tree', financeEvent);
  await bob.page.waitForSelector('#events section[data-workspace="ws-finance"] li:has-text("finance/budget.xlsx")');
  assert.doesNotMatch(await bob.page.textContent('#events'), /report\.docx/);
  assert.doesNotMatch(await alice.page.textContent('#events'), /budget\.xlsx/);
  assert.deepEqual([...alice.problems, ...bob.problems], []);
});

test("a chat message from bob appears on alice's page, with both present", async () => {
  await alice.page.waitForSelector('#presence:has-text("alice, bob")');
  await bob.page.waitForSelector('#presence:has-text("alice, bob")');
  await bob.page.fill('#message', 'hello from bob');
  await bob.page.click('#post-form button');
  const line = await alice.page.waitForSelector('#messages li:has-text("hello from bob")');
  assert.equal(await line.$eval('.author', (e) => e.textContent), 'bob');
  assert.deepEqual([...alice.problems, ...bob.problems], []);
});

test('the gateway restarted under both pages: reconnecting, then open and recovered; alice gets what was published meanwhile, bob not', async () => {
  for (const { page } of [alice, bob]) await recordStatuses(page, '#state');
  await gateway.stop();
  // Published on the bus while no gateway runs: JetStream keeps it for the recovery.
  await nats.publish('topic.pydio.tree.nodes.changes', { Type: 'CREATE', Target: { Uuid: 'n-meanwhile', Path: 'pydiods1/projects/while-down.txt', Type: 'LEAF' } });
  await gateway.start();
  // The pages' backoff waits up to 30 s (maxMs) after the attempts refused while the gateway was down.
  const backInTime = { timeout: 45_000 };
  for (const { page } of [alice, bob]) {
    await page.waitForSelector('#state[data-status="open"]', backInTime);
    await page.waitForSelector('#chat-state[data-status="open"]', backInTime);
    const statuses = await page.evaluate(() => window.statuses);
    assert.ok(statuses.includes('reconnecting'), `went through reconnecting: ${statuses}`);
    assert.match(await page.textContent('#state'), /^open \(recovered/);
  }
  await alice.page.waitForSelector('#events section[data-workspace="ws-projects"] li:has-text("projects/while-down.txt")');
  // Live again: a new event and a new chat message arrive. bob's event comes after the recovered one on his socket.
  await ingest(gateway, 'tree', { Type: 'CREATE', Target: { Uuid: 'n-after', Path: 'pydiods1/projects/after-restart.txt' } });
  await alice.page.waitForSelector('#events li:has-text("projects/after-restart.txt")');
  await ingest(gateway, 'tree', { Type: 'CREATE', Target: { Uuid: 'n-finance-after', Path: 'pydiods1/finance/after-restart.xlsx' } });
  await bob.page.waitForSelector('#events li:has-text("finance/after-restart.xlsx")');
  assert.doesNotMatch(await bob.page.textContent('#events'), /while-down|after-restart\.txt/);
  await alice.page.waitForSelector('#presence:has-text("alice, bob")', backInTime);
  await bob.page.fill('#message', 'back again');
  await bob.page.click('#post-form button');
  await alice.page.waitForSelector('#messages li:has-text("back again")');
  // Chromium itself logs each attempt refused while no gateway listened; anything else is a problem of the page.
  const refusedWhileDown = /^console: WebSocket connection to '\S+' failed: .*ERR_CONNECTION_REFUSED$/;
  assert.deepEqual([...alice.problems, ...bob.problems].filter((p) => !refusedWhileDown.test(p)), []);
});
