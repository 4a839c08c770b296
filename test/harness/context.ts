import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, type NativeConnection, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { pino, type Logger } from 'pino';
import supertest from 'supertest';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createActivities, type Activities, type RealtimeRetention } from '../../activities';
import { createApp } from '../../api/app';
import type { ApiDeps } from '../../api/deps';
import type { Channel } from '../../domain/channels';
import { RealtimeHub } from '../../api/realtime/realtime-hub';
import { TemporalGateway } from '../../api/temporal-gateway';
import { createPrismaClient, createSystemPrismaClient, type AppPrisma, type SystemPrisma } from '../../prisma/client';
import { createApiKey } from '../../prisma/queries/api-keys/create-api-key';
import { createTenant, type CreateTenantInput } from '../../prisma/queries/tenants/create-tenant';
import { forTenant } from '../../prisma/tenant-scope';
import { ProviderRegistry } from '../../providers/credentials/provider-registry';
import { SecretBox } from '../../providers/credentials/secret-box';
import { FakeProvider } from '../../providers/fake/fake-provider';
import type { ProviderSet } from '../../providers/messaging-provider';
import { createHeraldWorker, WORKFLOWS_PATH } from '../../worker/create-worker';
import type { StartSpec } from '../../workflows/definitions';
import { freePort } from './free-port';

export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** The application's client (role herald_app): sees a tenant's rows only through `forTenant`. */
export function testPrisma(): AppPrisma {
  return createPrismaClient(inject('databaseUrl'), { maxConnections: 5 });
}

let system: SystemPrisma | undefined;
/**
 * The cross-tenant client (role herald_system), shared by a test file: for the API's and the worker's own
 * cross-tenant lookups, creating tenants, and tests asserting across tenants (a webhook event with no tenant yet).
 */
export function testSystemPrisma(): SystemPrisma {
  return (system ??= createSystemPrismaClient(inject('databaseUrl'), { maxConnections: 3 }));
}
afterAll(async () => {
  await system?.$disconnect();
  system = undefined;
});

/** The run's HERALD_SECRETS_KEY (made by the global setup), as the API and the worker hold it. */
export function testSecrets(): SecretBox {
  return SecretBox.fromBase64(inject('secretsKey'));
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createTestTenant(prisma: AppPrisma, overrides: Partial<CreateTenantInput> = {}) {
  const tenant = await createTenant(testSystemPrisma(), {
    name: uniqueName('tenant'),
    businessName: 'Acme Plumbing',
    supportContact: 'help@acme.test',
    timeZone: 'UTC',
    ...overrides,
  });
  const db = forTenant(prisma, tenant.id);
  const { key } = await createApiKey(db, { name: 'test' });
  return { tenant, db, apiKey: key };
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundling takes seconds; do it once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
  return bundle;
}

export function fakeProviders(fake = new FakeProvider()): { fake: FakeProvider; providers: ProviderSet } {
  return { fake, providers: { sms: fake, whatsapp: fake, email: fake } };
}

export interface RunningWorker {
  worker: Worker;
  /** Shuts the worker down and waits until it has stopped. */
  stop(): Promise<void>;
}

export async function startWorker(options: {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  prisma: AppPrisma;
  /** The worker's cross-tenant client; the file's shared one when omitted. */
  systemPrisma?: SystemPrisma;
  providers: ProviderSet;
  /** The shared sender of each channel a real shared adapter serves. */
  sharedSenders?: Partial<Record<Channel, string>>;
  /** Where tenants' own Twilio and Resend accounts are reached (local servers that speak their APIs). */
  ownAccounts?: { twilioBaseUrl?: string; resendBaseUrl?: string };
  maxCachedWorkflows?: number;
  publicUrl?: string;
  /** The web app's public URL, for links in account emails. */
  appUrl?: string;
  /** Compose extra behaviour around the real activities (e.g. a STOP landing at a precise moment). */
  wrapActivities?: (activities: Activities) => Activities;
  /** The activities' logger (silent unless a test reads what they log). */
  logger?: Logger;
  /** The realtime event log's retention and pruning batch size (the worker's defaults when omitted). */
  realtimeRetention?: RealtimeRetention;
}): Promise<RunningWorker> {
  const worker = await createHeraldWorker({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    activities: (options.wrapActivities ?? ((a) => a))(
      createActivities({
        prisma: options.prisma,
        systemPrisma: options.systemPrisma ?? testSystemPrisma(),
        providers: options.providers,
        ...(options.sharedSenders ? { sharedSenders: options.sharedSenders } : {}),
        registry: new ProviderRegistry({
          secrets: testSecrets(),
          twilio: { timeoutMs: 10_000, ...(options.ownAccounts?.twilioBaseUrl ? { baseUrl: options.ownAccounts.twilioBaseUrl } : {}) },
          resend: { timeoutMs: 10_000, ...(options.ownAccounts?.resendBaseUrl ? { baseUrl: options.ownAccounts.resendBaseUrl } : {}) },
        }),
        logger: options.logger ?? silentLogger,
        ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
        ...(options.appUrl ? { appUrl: options.appUrl } : {}),
        authSecret: TEST_AUTH.secret,
        ...(options.realtimeRetention ? { realtimeRetention: options.realtimeRetention } : {}),
      }),
    ),
    workflowBundle: await workflowBundle(),
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}

/** Where the test API believes the web app is (https: cookies are Secure); session changes send this Origin. */
export const TEST_APP_URL = 'https://app.herald.test';

/** Accounts in tests: a known secret, and limits no test meets unless it means to (rate-limit tests set their own). */
export const TEST_AUTH: NonNullable<ApiDeps['auth']> = {
  secret: 'test-auth-secret-0123456789-abcdefghijklmnop',
  appUrl: TEST_APP_URL,
  signInLimit: { max: 10_000, windowSeconds: 60 },
  signUpLimit: { max: 10_000, windowSeconds: 60 },
};

export const TEST_WEBHOOKS = {
  twilioAuthToken: 'test-twilio-auth-token-0123456789',
  resendWebhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  publicUrl: 'https://herald.test',
};

export function testApi(options: {
  prisma: AppPrisma;
  /** The API's cross-tenant client; the file's shared one when omitted. */
  systemPrisma?: SystemPrisma;
  client: Client;
  taskQueue: string;
  sendRateLimit?: { perMinute: number; burst: number };
  /** The API's way to Temporal; the test server's client when omitted. */
  temporal?: TemporalGateway;
  /** How the API reads received emails (Resend's receiving API); none when omitted. */
  inboundEmail?: ApiDeps['inboundEmail'];
  /** Silent when omitted. */
  logger?: Logger;
  /** Anything else of the API's dependencies (providers, a logger, where tenants' Twilio accounts are checked). */
  deps?: Partial<ApiDeps>;
}) {
  const temporal = options.temporal ?? TemporalGateway.fromClient(options.client, { taskQueue: options.taskQueue });
  const app = createApp({
    prisma: options.prisma,
    systemPrisma: options.systemPrisma ?? testSystemPrisma(),
    temporal,
    temporalWeb: { uiUrl: 'http://localhost:8233', namespace: options.client.options.namespace },
    logger: options.logger ?? silentLogger,
    webhooks: TEST_WEBHOOKS,
    auth: TEST_AUTH,
    secrets: testSecrets(),
    ...(options.sendRateLimit ? { sendRateLimit: options.sendRateLimit } : {}),
    ...(options.inboundEmail ? { inboundEmail: options.inboundEmail } : {}),
    // Streams end soon, so a test (or the role and isolation sweeps) that opens one gets its answer.
    realtime: { hub: testRealtimeHub(options.prisma), maxStreamMs: 300 },
    ...options.deps,
  });
  return { app, request: () => supertest(app) };
}

/** A realtime hub on the test database; it opens its LISTEN connection with the first stream and closes it with the last. */
export function testRealtimeHub(prisma: AppPrisma, logger: Logger = silentLogger): RealtimeHub {
  return new RealtimeHub({ prisma, databaseUrl: inject('databaseUrl'), logger, reconnectDelayMs: 100 });
}

/** The API's gateway to a Temporal that is not there (a closed local port): every start fails as UNAVAILABLE. */
export async function unreachableTemporal(taskQueue: string): Promise<TemporalGateway> {
  return new TemporalGateway({
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: taskQueue,
    TEMPORAL_UI_URL: 'http://localhost:8233',
  });
}

/**
 * Makes Postgres refuse one kind of write to one row, as a database failing mid-way through a request would:
 * a BEFORE trigger raising on `table` when `column` equals `value`. Returns the function that removes it. The
 * DDL runs as the database URL's own user (the tables' owner, as migrations do): neither client's role may.
 */
export async function failWritesTo(
  target: { table: string; operation: 'INSERT' | 'UPDATE' | 'DELETE'; column: string; value: string },
): Promise<() => Promise<void>> {
  const name = `test_fail_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const row = target.operation === 'DELETE' ? 'OLD' : 'NEW';
  const literal = target.value.replace(/'/g, "''");
  const asOwner = async (...statements: string[]) => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await asOwner(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
       IF ${row}.${target.column} = '${literal}' THEN RAISE EXCEPTION 'simulated database failure'; END IF;
       RETURN ${row};
     END $$`,
    `CREATE TRIGGER ${name} BEFORE ${target.operation} ON ${target.table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  return () => asOwner(`DROP TRIGGER ${name} ON ${target.table}`, `DROP FUNCTION ${name}()`);
}

/** A bearer header for supertest. */
export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** The result of a run that may not have started yet (a relay or a parent starts it): polls until it exists. */
export async function workflowResult<T = unknown>(client: Client, workflowId: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      return (await client.workflow.getHandle(workflowId).result()) as T;
    } catch (error) {
      if ((error as Error).name !== 'WorkflowNotFoundError') throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`workflow ${workflowId} never started`);
}

/** Starts a run from a Herald start spec and returns its handle (tests need the handle; the API uses startWorkflow). */
export function startRun<A>(client: Client, taskQueue: string, spec: StartSpec<A>) {
  const { workflowType, ...options } = spec;
  return client.workflow.start(workflowType, { taskQueue, ...options });
}
