import { DefaultLogger, Runtime } from '@temporalio/worker';
import { pino } from 'pino';
import { createActivities } from '../activities';
import { parseEnv, WorkerEnvSchema } from '../domain/config';
import { AppError, ErrorCodes, isAppError } from '../domain/errors';
import { createPrismaClient, createSystemPrismaClient } from '../prisma/client';
import { createProviders } from '../providers/create-providers';
import { providerEnv, sharedSenders } from '../providers/provider-config';
import { ProviderRegistry } from '../providers/credentials/provider-registry';
import { SecretBox, secretsKeyProblem } from '../providers/credentials/secret-box';
import { listCredentialKeyIds } from '../prisma/queries/provider-credentials/provider-credentials';
import { applyDeliveryStatus } from '../prisma/queries/messages/apply-delivery-status';
import { classifyTwilioError } from '../providers/twilio/twilio-errors';
import { Client } from '@temporalio/client';
import { createHeraldWorker } from './create-worker';
import { startWorkflowOutboxRelay } from './workflow-outbox-relay';
import { ensureRealtimePruneSchedule } from './realtime-prune-schedule';
import { DEFAULT_REALTIME_RETENTION } from '../activities/realtime-retention-activities';
import { connectWorkerToTemporal } from './temporal-connection';

// Composition root: env → prisma → providers → activities → Worker.
async function main(): Promise<void> {
  const env = parseEnv(WorkerEnvSchema, process.env);
  const providerSettings = providerEnv(process.env);
  const logger = pino({ level: env.LOG_LEVEL, base: { service: 'worker' } });
  // The SDK's own logs (bundling, state changes) go through pino too; below WARN they are noise unless
  // debugging.
  const sdkLevel = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace' ? 'DEBUG' : 'WARN';
  Runtime.install({
    logger: new DefaultLogger(sdkLevel, ({ level, message, meta }) => {
      const method = level === 'ERROR' ? 'error' : level === 'WARN' ? 'warn' : 'debug';
      logger[method]({ sdk: meta }, message);
    }),
  });
  const prisma = createPrismaClient(env.DATABASE_URL);
  // Cross-tenant work only: the outbox relay, the key check below, the fake provider's statuses (found by provider
  // message id, like Twilio's callbacks) and the claimed-provider-id lookup of sends.
  const systemPrisma = createSystemPrismaClient(env.DATABASE_URL);
  // Tenants' own accounts: their sealed credentials must open with this key, or the worker does not start.
  const secrets = env.HERALD_SECRETS_KEY ? SecretBox.fromBase64(env.HERALD_SECRETS_KEY) : null;
  const keyProblem = secretsKeyProblem(secrets, await listCredentialKeyIds(systemPrisma));
  if (keyProblem) throw new AppError(ErrorCodes.CONFIG, keyProblem);
  const registry = secrets
    ? new ProviderRegistry({
        secrets,
        ...(providerSettings.TWILIO_API_BASE_URL ? { twilio: { baseUrl: providerSettings.TWILIO_API_BASE_URL } } : {}),
        ...(providerSettings.RESEND_API_BASE_URL ? { resend: { baseUrl: providerSettings.RESEND_API_BASE_URL } } : {}),
      })
    : undefined;
  const { providers } = createProviders({
    env: providerSettings,
    fake: {
      // The fake provider's statuses take the path Twilio's status callbacks take.
      statuses: {
        latencyMs: providerSettings.FAKE_PROVIDER_LATENCY_MS,
        failureRate: providerSettings.FAKE_PROVIDER_FAILURE_RATE,
        failureCode: providerSettings.FAKE_PROVIDER_FAILURE_CODE,
        onStatus: (providerMessageId, status, errorCode) =>
          applyDeliveryStatus(systemPrisma, providerMessageId, {
            status,
            at: new Date(),
            errorCode,
            errorMessage: errorCode ? classifyTwilioError(400, Number(errorCode)).explanation : null,
          }),
      },
      onSend: ({ message, providerMessageId }) =>
        logger.info({ channel: message.channel, providerMessageId }, 'fake provider accepted a %s message', message.channel),
    },
  });
  const connection = await connectWorkerToTemporal(env);
  const worker = await createHeraldWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    activities: createActivities({ prisma, systemPrisma, providers, sharedSenders: sharedSenders(providerSettings), ...(registry ? { registry } : {}), logger, ...(env.HERALD_PUBLIC_URL ? { publicUrl: env.HERALD_PUBLIC_URL } : {}), quotePageBaseUrl: env.HERALD_PUBLIC_URL ?? `http://localhost:${env.HERALD_API_PORT}`, appUrl: env.HERALD_APP_URL, ...(env.HERALD_AUTH_SECRET ? { authSecret: env.HERALD_AUTH_SECRET } : {}), realtimeRetention: { ...DEFAULT_REALTIME_RETENTION, days: env.HERALD_REALTIME_RETENTION_DAYS } }),
  });
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  // Housekeeping must not keep messages from going out: a schedule that cannot be made is reported, and the
  // next start tries again.
  await ensureRealtimePruneSchedule(client, env.TEMPORAL_TASK_QUEUE, logger).catch((error: unknown) =>
    logger.error({ err: error }, 'could not create the realtime pruning schedule; old realtime events are not pruned until a worker creates it'),
  );
  logger.info(
    { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE, taskQueue: env.TEMPORAL_TASK_QUEUE },
    'worker polling; shared providers: sms=%s whatsapp=%s email=%s; tenants’ own accounts %s',
    providers.sms.name,
    providers.whatsapp.name,
    providers.email.name,
    registry ? 'enabled' : 'disabled (no HERALD_SECRETS_KEY)',
  );
  // Workflow starts queued beside their rows (new quotes whoever wrote them, owner alerts, inbound messages).
  const relay = startWorkflowOutboxRelay({
    prisma: systemPrisma,
    client,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    logger,
    databaseUrl: env.DATABASE_URL,
  });
  // Worker.run resolves after SIGINT/SIGTERM once in-flight tasks have finished.
  try {
    await worker.run();
  } finally {
    await relay.stop();
    await connection.close();
    await Promise.all([prisma.$disconnect(), systemPrisma.$disconnect()]);
    logger.info('worker stopped');
  }
}

main().catch((error: unknown) => {
  console.error(isAppError(error) ? error.message : error);
  process.exit(1);
});
