// A throwaway nats-server with JetStream on a free loopback port (the bus the gateway keeps its recovery window in,
// PROTOCOL 7.1), and a publisher that speaks the few lines of the NATS protocol it needs over a TCP socket.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep } from './ports.mjs';

/** scripts/test.sh exports the binary it found or installed; else Debian's. */
const natsServerPath = () => {
  const path = process.env.REALTIME_TEST_NATS_SERVER ?? '/usr/sbin/nats-server';
  if (!existsSync(path)) throw new Error(`nats-server not found at ${path}: set REALTIME_TEST_NATS_SERVER (scripts/test.sh does)`);
  return path;
};

const running = new Set();
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** Starts `nats-server -js` with its store in a temporary directory; `dispose()` stops it (by its PID) and removes it. */
export async function startNats() {
  const port = await freePort();
  const storeDirectory = mkdtempSync(join(tmpdir(), 'realtime-client-test-nats-'));
  let output = '';
  const child = spawn(natsServerPath(), ['-js', '-sd', storeDirectory, '-a', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((r) => child.once('exit', r));
  const url = `nats://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (!/Server is ready/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      running.delete(child);
      throw new Error(`nats-server did not start:\n${output}`);
    }
    await sleep(50);
  }
  return {
    url,
    /** Publishes one message and resolves once JetStream stored it (its publish acknowledgement). */
    publish: (subject, payload) => publishStored(port, subject, payload),
    async dispose() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      running.delete(child);
      rmSync(storeDirectory, { recursive: true, force: true });
    },
  };
}

/**
 * `CONNECT`, a subscription to a reply inbox, `PUB subject inbox n`: JetStream answers on the inbox with
 * `{"stream":...,"seq":...}` once it stored the message, or with `{"error":...}`.
 */
function publishStored(port, subject, payload) {
  const body = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
  const inbox = `_INBOX.client-tests.${Date.now()}`;
  return new Promise((resolve, reject) => {
    const socket = connectTcp(port, '127.0.0.1');
    let received = '';
    const fail = (error) => {
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`no JetStream acknowledgement for ${subject}`)), 10_000);
    socket.on('error', fail);
    socket.on('data', (chunk) => {
      const first = received === '';
      received += chunk;
      if (first && received.startsWith('INFO ')) {
        socket.write(`CONNECT {"verbose":false,"pedantic":false}\r\nSUB ${inbox} 1\r\nPUB ${subject} ${inbox} ${body.length}\r\n`);
        socket.write(Buffer.concat([body, Buffer.from('\r\n')]));
      }
      if (received.includes('-ERR')) fail(new Error(`NATS refused: ${received}`));
      const reply = /MSG \S+ 1 +\d+\r\n(.*)\r\n/.exec(received); // no reply-to: two spaces
      if (!reply) return;
      clearTimeout(timer);
      socket.end();
      const ack = JSON.parse(reply[1]);
      if (ack.error) reject(new Error(`JetStream refused: ${JSON.stringify(ack.error)}`));
      else resolve(ack);
    });
  });
}
