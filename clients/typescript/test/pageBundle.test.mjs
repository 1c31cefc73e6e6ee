// The demo page is committed under src/Realtime.App/wwwroot (so `dotnet run` needs no Node.js): it must be exactly
// what the sources build to. After changing the client or the demo: `npm run build && npm run page`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './support/gateway.mjs';

const packageRoot = join(repoRoot, 'clients/typescript');
const committed = join(repoRoot, 'src/Realtime.App/wwwroot');

const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => relative(dir, path))
    .sort();

test('the committed wwwroot equals a fresh build of the client and the demo', () => {
  const fresh = mkdtempSync(join(tmpdir(), 'realtime-page-'));
  try {
    execFileSync(process.execPath, [join(packageRoot, 'scripts/assemble-page.mjs'), fresh], { cwd: packageRoot });
    assert.deepEqual(filesUnder(committed), filesUnder(fresh), 'same files');
    for (const file of filesUnder(fresh))
      assert.equal(readFileSync(join(committed, file), 'utf8'), readFileSync(join(fresh, file), 'utf8'), `${file} is stale: npm run build && npm run page`);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
});
