// The demo page at GET / in a real Chromium: two browser contexts as two users (alice: role-team, bob: role-finance).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { connectAs, launchChromium, openDemoPage } from './support/browser.mjs';
import { ingest, repoRoot, startGateway } from './support/gateway.mjs';
import { mintToken } from './support/tokens.mjs';

const financeEvent = { Type: 'CREATE', Target: { Uuid: 'n-budget', Path: 'pydiods1/finance/budget.xlsx', Type: 'LEAF' } };

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
  gateway = await startGateway();
  browser = await launchChromium();
  alice = await openDemoPage(browser, `${gateway.httpUrl}/`);
  bob = await openDemoPage(browser, `${gateway.httpUrl}/`);
  await connectAs(alice.page, mintToken('alice'));
  await connectAs(bob.page, mintToken('bob'));
});
after(async () => {
  await browser?.close();
  await gateway?.dispose();
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

test('the gateway restarted under both pages: they show reconnecting, then open again on their own', async () => {
  for (const { page } of [alice, bob]) await recordStatuses(page, '#state');
  await gateway.restart();
  for (const { page } of [alice, bob]) {
    await page.waitForSelector('#state[data-status="open"]', { timeout: 30_000 });
    await page.waitForSelector('#chat-state[data-status="open"]', { timeout: 30_000 });
    const statuses = await page.evaluate(() => window.statuses);
    assert.ok(statuses.includes('reconnecting'), `went through reconnecting: ${statuses}`);
    // Today's gateway speaks protocol v1: the page says honestly that missed events could not be recovered.
    assert.match(await page.textContent('#state'), /^open/);
  }
  // Live again: a new event and a new chat message arrive.
  await ingest(gateway, 'tree', { Type: 'CREATE', Target: { Uuid: 'n-after', Path: 'pydiods1/projects/after-restart.txt' } });
  await alice.page.waitForSelector('#events li:has-text("projects/after-restart.txt")');
  await alice.page.waitForSelector('#presence:has-text("alice, bob")', { timeout: 30_000 });
  await bob.page.fill('#message', 'back again');
  await bob.page.click('#post-form button');
  await alice.page.waitForSelector('#messages li:has-text("back again")');
});
