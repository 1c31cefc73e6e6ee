// Starts a real gateway process (the built Realtime.App.dll) on a free loopback port, for the client tests.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, sleep } from './ports.mjs';

export const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
export const hmacKey = 'client-tests-hmac-key-0123456789abcdef-0123456789';
export const issuer = 'client-tests';
export const audience = 'akka-realtime-client-tests';
export const ingestKey = 'client-tests-ingest-key-0123456789';

/** The built app; built once (Release) when no build exists yet. */
function appDll() {
  const binDir = join(repoRoot, 'src/Realtime.App/bin/Release');
  const find = () =>
    existsSync(binDir)
      ? readdirSync(binDir).map((tfm) => join(binDir, tfm, 'Realtime.App.dll')).find((dll) => existsSync(dll))
      : undefined;
  if (!find()) {
    const build = spawnSync('dotnet', ['build', join(repoRoot, 'src/Realtime.App'), '-c', 'Release'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('dotnet build of Realtime.App failed');
  }
  return find();
}

/** Every gateway still running, killed if the test process exits without stopping them. */
const running = new Set();
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')));

export async function startGateway(extraEnv = {}) {
  const dll = appDll();
  const port = await freePort();
  const dataDirectory = mkdtempSync(join(tmpdir(), 'realtime-client-test-'));
  const httpUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    ASPNETCORE_ENVIRONMENT: 'Development',
    Realtime__Urls: httpUrl,
    Realtime__DataDirectory: dataDirectory,
    Realtime__Cluster__Port: '0',
    Realtime__Directory__SnapshotFile: join(repoRoot, 'samples/directory.json'),
    Realtime__Jwt__HmacKeys__0: hmacKey,
    Realtime__Jwt__Issuer: issuer,
    Realtime__Jwt__Audience: audience,
    Realtime__Jwt__ClockSkew: '0',
    Realtime__Ingest__Keys__0: ingestKey,
    // Node events go out at once instead of after a second of coalescing; restarts drain without waiting.
    Realtime__Routing__CoalesceQuiet: '0',
    Realtime__Drain__UnreadyDelay: '0',
    Realtime__AkkaLogLevel: 'WARNING',
    Logging__LogLevel__Default: 'Warning',
    ...extraEnv,
  };
  let child;
  let output = '';

  const launch = async () => {
    output = '';
    child = spawn('dotnet', [dll], { cwd: dataDirectory, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise((r) => child.once('exit', r));
    child.exited = exited;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}:\n${output}`);
      try {
        if ((await fetch(`${httpUrl}/readyz`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`gateway not ready in time:\n${output}`);
  };

  const terminate = async (signal) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    let timer;
    const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), 30_000)));
    const outcome = await Promise.race([child.exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      child.kill('SIGKILL');
      await child.exited;
    }
    running.delete(child);
  };

  await launch();
  return {
    port,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    chatUrl: `ws://127.0.0.1:${port}/chat`,
    get output() {
      return output;
    },
    /** SIGTERM: the gateway drains, closing sockets with 1012. */
    stop: () => terminate('SIGTERM'),
    /** SIGKILL: sockets drop without a close frame (1006 on the client). */
    kill: () => terminate('SIGKILL'),
    start: launch,
    async restart() {
      await terminate('SIGTERM');
      await launch();
    },
    /** Stops the process and removes its data directory. */
    async dispose() {
      await terminate('SIGTERM');
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

/** Posts events to the ingest endpoint; `body` is one event or an array. */
export async function ingest(gateway, topic, body) {
  const response = await fetch(`${gateway.httpUrl}/api/v1/events/${topic}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ingestKey}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (response.status !== 202) throw new Error(`ingest ${topic}: ${response.status} ${await response.text()}`);
  return response.json();
}
