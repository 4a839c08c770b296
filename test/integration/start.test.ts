import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import { listeningSocketsOfTree, type ListeningSocket } from '../harness/listening-sockets';
import { logTo } from '../harness/log-files';

// `npm start` itself, end to end, as a new user runs it: embedded Postgres, a Temporal dev server with its
// UI, the worker, the API and the web app, in a fresh data dir on free ports.
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Stack {
  proc: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

let dataDir: string;
let ports: Record<'pg' | 'temporal' | 'ui' | 'api' | 'web', number>;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-start-'));
  await chmod(dir, 0o755); // Postgres runs as its own user when we are root
  dataDir = path.join(dir, 'data');
  ports = { pg: await freePort(), temporal: await freePort(), ui: await freePort(), api: await freePort(), web: await freePort() };
});
afterAll(async () => {
  if (dataDir) await rm(path.dirname(dataDir), { recursive: true, force: true });
});

function launch(extraEnv: Record<string, string> = {}): Stack {
  const env = {
    ...process.env,
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    HERALD_DATA_DIR: dataDir,
    HERALD_PG_PORT: String(ports.pg),
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    HERALD_API_PORT: String(ports.api),
    HERALD_WEB_PORT: String(ports.web),
    NO_COLOR: '1',
    ...extraEnv,
  };
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const log = logTo('npm-start');
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    log(chunk.toString().trimEnd());
  };
  proc.stdout!.on('data', collect);
  proc.stderr!.on('data', collect);
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, output: () => output, exit };
}

/** Resolves when the output contains `text`; rejects if the launcher exits first. */
function waitForOutput(stack: Stack, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (stack.output().includes(text)) {
        cleanup();
        resolve();
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`launcher exited (${code}) before printing "${text}":\n${stack.output().slice(-3000)}`));
    };
    const cleanup = () => {
      stack.proc.stdout!.off('data', check);
      stack.proc.off('exit', onExit);
    };
    stack.proc.stdout!.on('data', check);
    stack.proc.once('exit', onExit);
    check();
  });
}

async function stop(stack: Stack): Promise<number | null> {
  stack.proc.kill('SIGINT');
  return stack.exit;
}

function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(text)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // gone while we looked
    }
  }
  return found;
}

const api = (p: string) => `http://127.0.0.1:${ports.api}/api${p}`;
const where = (s: ListeningSocket) => `${s.address}:${s.port} (${s.command.slice(0, 80)})`;

describe('npm start', () => {
  let messageId = '';
  let key = '';

  it('brings up web, API and Temporal Web, schedules a message, and stops cleanly on Ctrl-C', async () => {
    const stack = launch();
    await waitForOutput(stack, 'Herald is running');
    key = (await readFile(path.join(dataDir, 'api-key'), 'utf8')).trim();
    expect(stack.output()).toContain(key);
    expect(stack.output()).toMatch(/\[postgres\]/);
    expect(stack.output()).toMatch(/\[temporal\]/);
    expect(stack.output()).toMatch(/\[worker\] +worker polling/);

    // Postgres, Temporal (gRPC and Web), the API and the web app — and anything else the stack opens — listen
    // on this machine only, unless HERALD_BIND_ADDRESS says otherwise.
    const sockets = listeningSocketsOfTree(stack.proc.pid!);
    expect(sockets.map((s) => s.port)).toEqual(expect.arrayContaining(Object.values(ports)));
    expect(sockets.filter((s) => s.address !== '127.0.0.1').map(where)).toEqual([]);

    expect((await fetch(api('/health'))).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);
    const auth = { Authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    // The default tenant has quiet hours; this contact lives where it is midday now, so they do not apply.
    const hour = new Date().getUTCHours();
    const zone = hour < 9 ? 'Asia/Tokyo' /* UTC+9 */ : hour < 20 ? 'UTC' : 'Pacific/Kiritimati'; /* UTC+14 */
    const contact = await (await fetch(api('/contacts'), { method: 'POST', headers: auth, body: JSON.stringify({ firstName: 'Ada', phone: '+14155550100', timeZone: zone }) })).json();
    const created = await fetch(api('/messages'), {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ contactId: contact.contact.id, channel: 'sms', body: 'Survives a restart', sendAt: new Date(Date.now() + 20_000).toISOString() }),
    });
    expect(created.status).toBe(201);
    const { message } = await created.json();
    messageId = message.id;
    expect(message.status).toBe('scheduled');
    expect(message.temporalUrl).toContain(`http://localhost:${ports.ui}/namespaces/default/workflows/`);

    // The web app serves its pages and, on the same origin, the API (web/proxy.ts).
    const page = await fetch(`http://127.0.0.1:${ports.web}/sign-in`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign in to Herald');
    const viaWeb = await fetch(`http://127.0.0.1:${ports.web}/api/messages/${messageId}`, { headers: auth });
    expect(viaWeb.status).toBe(200);
    expect((await viaWeb.json()).message.id).toBe(messageId);

    expect(await stop(stack)).toBe(0);
    expect(stack.output()).toContain('stopped cleanly');
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 240_000);

  it('finds everything again on the next start and sends the pending message', async () => {
    expect(messageId).not.toBe('');
    // This time on every interface, as an operator who wants the stack reachable from the LAN would ask.
    const stack = launch({ HERALD_BIND_ADDRESS: '0.0.0.0' });
    try {
      await waitForOutput(stack, 'Herald is running');
      // Every interface: 0.0.0.0, or :: where the server opens one dual-stack socket for it (Go does).
      const sockets = listeningSocketsOfTree(stack.proc.pid!);
      for (const port of Object.values(ports)) {
        expect(sockets.filter((s) => s.port === port).map(where), `port ${port}`).toEqual([expect.stringMatching(/^(0\.0\.0\.0|::):/)]);
      }
      expect((await readFile(path.join(dataDir, 'api-key'), 'utf8')).trim()).toBe(key);
      const auth = { Authorization: `Bearer ${key}` };
      let status = '';
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline) {
        const res = await fetch(api(`/messages/${messageId}`), { headers: auth });
        expect(res.status).toBe(200);
        status = (await res.json()).message.status;
        if (['sent', 'delivered'].includes(status)) break;
        await new Promise((r) => setTimeout(r, 500)); // polling another process's state
      }
      // Sent — and, since the fake provider walks statuses, possibly already delivered by the time we look.
      expect(['sent', 'delivered']).toContain(status);
      // The worker logs the send just after the row changes; its line may still be on the way through the launcher.
      await waitForOutput(stack, `messageId=${messageId}`);

      // A sequence created through the API runs end to end on the stack, and Temporal finds it by SequenceId.
      const json = { ...auth, 'content-type': 'application/json' };
      const contact = { id: (await (await fetch(api(`/messages/${messageId}`), { headers: auth })).json()).message.contactId as string };
      const created = await fetch(api('/sequences'), {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          name: 'Stack check',
          publish: true,
          settings: { sendWindow: 'always' },
          steps: [
            { channel: 'sms', waitAmount: 0, waitUnit: 'minutes', body: 'Hello {{first_name}} from a sequence' },
            { channel: 'sms', waitAmount: 1, waitUnit: 'minutes', body: 'And a second step' },
          ],
        }),
      });
      expect(created.status).toBe(201);
      const { sequence } = await created.json();
      const enrolled = await fetch(api(`/sequences/${sequence.id}/enrollments`), { method: 'POST', headers: json, body: JSON.stringify({ contactId: contact.id }) });
      expect(enrolled.status).toBe(201);
      const { enrollment } = await enrolled.json();
      let state = '';
      const until = Date.now() + 150_000;
      while (Date.now() < until) {
        state = (await (await fetch(api(`/enrollments/${enrollment.id}`), { headers: auth })).json()).enrollment.status;
        if (state !== 'active') break;
        await new Promise((r) => setTimeout(r, 1000)); // polling another process's state
      }
      expect(state).toBe('completed');
      const sent = (await (await fetch(api(`/messages?contactId=${contact.id}`), { headers: auth })).json()).messages.map((m: { body: string }) => m.body);
      expect(sent).toEqual(expect.arrayContaining(['Hello Ada from a sequence', 'And a second step']));
      const temporal = new Client({ connection: await Connection.connect({ address: `127.0.0.1:${ports.temporal}` }) });
      try {
        let runs = 0;
        for (let attempt = 0; attempt < 60 && runs === 0; attempt++) {
          runs = (await temporal.workflow.count(`SequenceId="${sequence.id}"`)).count;
          if (runs === 0) await new Promise((r) => setTimeout(r, 500)); // visibility is eventually consistent
        }
        expect(runs).toBe(1);
      } finally {
        await temporal.connection.close();
      }
    } finally {
      expect(await stop(stack)).toBe(0);
    }
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 420_000);

  it('explains a port that is already taken, without a stack trace', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(ports.api, '0.0.0.0', resolve));
    try {
      const stack = launch();
      expect(await stack.exit).toBe(1);
      expect(stack.output()).toContain(`Port ${ports.api} (Herald API) is already in use`);
      expect(stack.output()).toContain('HERALD_API_PORT');
      expect(stack.output()).not.toMatch(/\n\s+at /);
      expect(processesMentioning(dataDir)).toEqual([]);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('lists every configuration problem at once', async () => {
    const stack = launch({ HERALD_API_PORT: 'eighty', HERALD_WEB_MODE: 'turbo', HERALD_BIND_ADDRESS: 'everywhere' });
    expect(await stack.exit).toBe(1);
    expect(stack.output()).toMatch(/HERALD_API_PORT/);
    expect(stack.output()).toMatch(/HERALD_WEB_MODE/);
    expect(stack.output()).toMatch(/HERALD_BIND_ADDRESS: "everywhere" is not an IP address/);
    expect(stack.output()).not.toMatch(/\n\s+at /);
  }, 60_000);
});
