import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../domain/audit';
import { createApp } from '../../api/app';
import { TemporalGateway } from '../../api/temporal-gateway';
import type { AppPrisma } from '../../prisma/client';
import { createIngestToken } from '../../prisma/queries/ingest/ingest-tokens';
import { createLeadForm } from '../../prisma/queries/lead-forms/lead-forms';
import { resolveSchemathesis } from '../../scripts/lib/schemathesis';
import { createTestTenant, fakeProviders, startWorker, TEST_WEBHOOKS, testPrisma, testRealtimeHub, testSecrets, uniqueName, type RunningWorker, testSystemPrisma } from '../harness/context';
import { startWorkflowOutboxRelay, type WorkflowOutboxRelay } from '../../worker/workflow-outbox-relay';
import { devServer } from '../harness/dev-server';
import { freePort } from '../harness/free-port';
import { logTo } from '../harness/log-files';
import { startLocalServer } from '../harness/local-http-server';
import { twilioAccounts } from '../harness/twilio-api';

// schemathesis generates requests from the OpenAPI document — valid and invalid bodies, parameters and headers,
// boundary values, NUL bytes — against the real app on a real port, with Postgres and the Temporal dev server
// behind it, and checks that no answer is a 5xx. `npm test` runs a short profile; `npm run fuzz -- <args>`
// passes more schemathesis options (e.g. --max-examples 500) to a longer run of this same test.

const EXTRA_ARGS: string[] = process.env.HERALD_FUZZ_ARGS ? (JSON.parse(process.env.HERALD_FUZZ_ARGS) as string[]) : [];
// About four minutes on a shared two-core machine once the CRM routes joined; room for a loaded one.
const TIMEOUT_MS = Number(process.env.HERALD_FUZZ_TIMEOUT_MS ?? 480_000);

let server: Awaited<ReturnType<typeof devServer>>;
let prisma: AppPrisma;
let worker: RunningWorker;
let relay: WorkflowOutboxRelay;
const taskQueue = uniqueName('fuzz-tq');
let http: Server;
/** Twilio as the credential check meets it: every account the fuzzer makes up is refused (422), none is a 5xx. */
let twilioServer: Awaited<ReturnType<typeof startLocalServer>>;
let baseUrl: string;
let apiKey: string;
let ingestToken: string;
/** A real lead form: its routes are fuzzed past the lookup, down to the handler. */
let leadFormId: string;
/** What the app logged at error level: a 500's cause, printed when the run fails. */
const serverErrors: string[] = [];

beforeAll(async () => {
  server = await devServer();
  prisma = testPrisma();
  // A real worker, as in production: enrollment queries and updates wait for one.
  worker = await startWorker({ connection: server.nativeConnection, taskQueue, prisma, providers: fakeProviders().providers });
  // And its workflow outbox relay: quotes and alerts the fuzzer adds are handed to Temporal here, not left for another file's relay.
  relay = startWorkflowOutboxRelay({ prisma: testSystemPrisma(), client: server.client, taskQueue, logger: pino({ level: 'silent' }), pollIntervalMs: 1000 });
  twilioServer = await startLocalServer(twilioAccounts());
  // The ingest token's rate limit (ingest.test.ts) would answer most generated calls 429 before they reach a handler.
  const tenant = await createTestTenant(prisma, { businessName: 'Fuzz Ltd', ingestRatePerMinute: 60_000 });
  apiKey = tenant.apiKey;
  const created = await createIngestToken(tenant.db, 'fuzz');
  ingestToken = created.token;
  leadFormId = (await createLeadForm(tenant.db, { ingestTokenId: created.id }, SYSTEM_ACTOR)).id;
  const app = createApp({
    prisma,
    systemPrisma: testSystemPrisma(),
    temporal: TemporalGateway.fromClient(server.client, { taskQueue }),
    temporalWeb: { uiUrl: 'http://localhost:8233', namespace: 'default' },
    logger: pino({ level: 'error' }, { write: (line: string) => void serverErrors.push(line) }),
    webhooks: TEST_WEBHOOKS,
    secrets: testSecrets(),
    twilioApiBaseUrl: twilioServer.url,
    // The event stream ends after a moment (clients reconnect with Last-Event-ID), so schemathesis reads a whole answer.
    realtime: { hub: testRealtimeHub(prisma), maxStreamMs: 500 },
    // Every generated submission comes from 127.0.0.1: the per-address limit would answer most of them 429.
    leadForms: { addressLimit: { max: 1_000_000, windowSeconds: 60 } },
  });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    http = app.listen(port, '127.0.0.1', (error) => (error ? reject(error) : resolve()));
  });
});
afterAll(async () => {
  await new Promise((resolve) => http?.close(resolve));
  await twilioServer?.close();
  await relay?.drain();
  await relay?.stop();
  await worker?.stop();
  await server?.close();
  await prisma?.$disconnect();
});

/** Runs a command to its end without blocking this process, which is also the server under test. */
function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the API under schemathesis', () => {
  it(
    'answers every operation of the OpenAPI document without a server error',
    async () => {
      const schemathesis = resolveSchemathesis({ install: true });
      const dir = await mkdtemp(path.join(os.tmpdir(), 'herald-fuzz-'));
      try {
        const config = path.join(dir, 'schemathesis.toml');
        // One credential per security scheme: API-key routes get the key, ingest routes the ingest token.
        await writeFile(
          config,
          [
            '[auth.openapi.apiKey]',
            'bearer = "${HERALD_FUZZ_API_KEY}"',
            '[auth.openapi.ingestToken]',
            'bearer = "${HERALD_FUZZ_INGEST_TOKEN}"',
            // The lead form's public routes name a real form.
            '[parameters]',
            '"path.formId" = "${HERALD_FUZZ_LEAD_FORM_ID}"',
            // Repeated query keys (?limit=1&limit=2) where one value is expected.
            '[phases.coverage]',
            'generate-duplicate-query-parameters = true',
          ].join('\n'),
        );
        const junit = path.join(dir, 'junit.xml');
        const args = [
          '--config-file', config,
          'run', `${baseUrl}/api/openapi.json`,
          '--url', baseUrl,
          '--checks', 'not_a_server_error',
          '--phases', 'examples,coverage,fuzzing',
          '--max-examples', '5',
          // The short profile is reproducible; a longer run explores afresh (its seed is in the log).
          ...(EXTRA_ARGS.length ? [] : ['--seed', '20261123']),
          // One worker: Python 3.11's ast module is not thread-safe, and Hypothesis parses lambdas with it.
          '--workers', '1',
          '--request-timeout', '20',
          '--generation-database', 'none',
          '--suppress-health-check', 'all',
          '--no-color',
          '--report', 'junit',
          '--report-junit-path', junit,
          ...EXTRA_ARGS,
        ];
        const started = Date.now();
        const { code, output } = await run(schemathesis.path, args, {
          cwd: dir,
          env: { ...process.env, ...schemathesis.env, HERALD_FUZZ_API_KEY: apiKey, HERALD_FUZZ_INGEST_TOKEN: ingestToken, HERALD_FUZZ_LEAD_FORM_ID: leadFormId },
        });
        logTo('schemathesis')(output);
        const report = await readFile(junit, 'utf8').catch(() => '');
        const tested = new Set([...report.matchAll(/<testcase [^>]*name="([^"]+)"/g)].map((m) => m[1]!));
        const failures = [...report.matchAll(/<(failure|error)\b/g)].length;
        const why = `schemathesis exited ${code} after ${Math.round((Date.now() - started) / 1000)} s\n${output.slice(-3000)}\nserver errors:\n${serverErrors.slice(0, 5).join('\n')}`;
        expect(failures, why).toBe(0);
        expect(serverErrors, why).toEqual([]);
        expect(code, why).toBe(0);
        // Every operation was exercised, but the document's own: schemathesis reads it to start with.
        const doc = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
        const documented = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
        expect(documented.filter((op) => !tested.has(op)), why).toEqual(['GET /api/openapi.json']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    TIMEOUT_MS,
  );
});
