// Assembles the demo page served at GET / from the built package (dist/) and the built demo (build/demo/),
//   node scripts/assemble-page.mjs [outDir]   (default: the gateway's src/Realtime.App/wwwroot)
// The output is committed, so `dotnet run` serves the page on machines without Node.js.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(packageRoot, '../../src/Realtime.App/wwwroot'));

const copyScripts = (from, to) => {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from).filter((n) => n.endsWith('.js'))) copyFileSync(join(from, name), join(to, name));
};

rmSync(outDir, { recursive: true, force: true });
copyScripts(join(packageRoot, 'dist'), join(outDir, 'client'));
copyScripts(join(packageRoot, 'build/demo'), outDir);
for (const name of ['index.html', 'demo.css']) copyFileSync(join(packageRoot, 'demo', name), join(outDir, name));
