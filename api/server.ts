import { pino } from 'pino';
import { ApiEnvSchema, parseEnv } from '../domain/config';
import { AppError, ErrorCodes, isAppError } from '../domain/errors';
import { createPrismaClient } from '../prisma/client';
import { createInboundEmailReader } from '../providers/create-providers';
import { listCredentialKeyIds } from '../prisma/queries/provider-credentials/provider-credentials';
import { SecretBox, secretsKeyProblem } from '../providers/credentials/secret-box';
import { activeProviders, providerEnv } from '../providers/provider-config';
import { createApp } from './app';
import { RealtimeHub } from './realtime/realtime-hub';
import { TemporalGateway } from './temporal-gateway';

async function main(): Promise<void> {
  const env = parseEnv(ApiEnvSchema, process.env);
  const logger = pino({ level: env.LOG_LEVEL, base: { service: 'api' } });
  const providerSettings = providerEnv(process.env);
  const prisma = createPrismaClient(env.DATABASE_URL);
  // Tenants' own accounts: their sealed credentials must open with this key, or the API does not start.
  const secrets = env.HERALD_SECRETS_KEY ? SecretBox.fromBase64(env.HERALD_SECRETS_KEY) : null;
  const keyProblem = secretsKeyProblem(secrets, await listCredentialKeyIds(prisma));
  if (keyProblem) throw new AppError(ErrorCodes.CONFIG, keyProblem);
  const temporal = new TemporalGateway(env);
  const inboundEmail = createInboundEmailReader(providerSettings);
  // One LISTEN connection for this process's realtime streams, however many are open.
  const realtime = new RealtimeHub({ prisma, databaseUrl: env.DATABASE_URL, logger });
  const app = createApp({
    prisma,
    temporal,
    temporalWeb: { uiUrl: env.TEMPORAL_UI_URL, namespace: env.TEMPORAL_NAMESPACE },
    logger,
    realtime: { hub: realtime },
    providers: activeProviders(providerSettings),
    ...(inboundEmail ? { inboundEmail } : {}),
    ...(secrets ? { secrets } : {}),
    ...(providerSettings.TWILIO_API_BASE_URL ? { twilioApiBaseUrl: providerSettings.TWILIO_API_BASE_URL } : {}),
    publicUrl: env.HERALD_PUBLIC_URL ?? `http://localhost:${env.HERALD_API_PORT}`,
    bulkEnrollment: { batchSize: env.HERALD_BULK_ENROLL_BATCH_SIZE, batchIntervalMs: env.HERALD_BULK_ENROLL_INTERVAL_MS },
    sendRateLimit: { perMinute: env.HERALD_SEND_RATE_PER_MINUTE, burst: env.HERALD_SEND_BURST ?? env.HERALD_SEND_RATE_PER_MINUTE },
    webhooks: {
      ...(env.TWILIO_AUTH_TOKEN ? { twilioAuthToken: env.TWILIO_AUTH_TOKEN } : {}),
      ...(env.RESEND_WEBHOOK_SECRET ? { resendWebhookSecret: env.RESEND_WEBHOOK_SECRET } : {}),
      ...(env.HERALD_PUBLIC_URL ? { publicUrl: env.HERALD_PUBLIC_URL } : {}),
    },
  });
  const server = app.listen(env.HERALD_API_PORT, env.HERALD_API_HOST);
  server.on('listening', () =>
    logger.info({ host: env.HERALD_API_HOST, port: env.HERALD_API_PORT }, 'API listening on %s port %d', env.HERALD_API_HOST, env.HERALD_API_PORT),
  );
  server.on('error', (error: NodeJS.ErrnoException) => {
    logger.fatal(
      error.code === 'EADDRINUSE'
        ? `Port ${env.HERALD_API_PORT} is already in use; set HERALD_API_PORT to a free port.`
        : `API could not listen: ${error.message}`,
    );
    process.exit(1);
  });
  const stop = () => {
    logger.info('API stopping');
    server.close(() => {
      void Promise.all([realtime.close(), temporal.close(), prisma.$disconnect()]).finally(() => process.exit(0));
    });
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(isAppError(error) ? error.message : error);
  process.exit(1);
});
