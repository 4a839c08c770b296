import { pino } from 'pino';
import { ApiEnvSchema, parseEnv } from '../domain/config';
import { AppError, ErrorCodes, isAppError } from '../domain/errors';
import { createPrismaClient, createSystemPrismaClient } from '../prisma/client';
import { createInboundEmailReader } from '../providers/create-providers';
import { listCredentialKeyIds } from '../prisma/queries/provider-credentials/provider-credentials';
import { SecretBox, secretsKeyProblem } from '../providers/credentials/secret-box';
import { activeProviders, providerEnv } from '../providers/provider-config';
import { createApp } from './app';
import { DEVELOPMENT_AUTH_SETTINGS } from './auth/mount-auth';
import { RealtimeHub } from './realtime/realtime-hub';
import { TemporalGateway } from './temporal-gateway';

async function main(): Promise<void> {
  const env = parseEnv(ApiEnvSchema, process.env);
  const logger = pino({ level: env.LOG_LEVEL, base: { service: 'api' } });
  const providerSettings = providerEnv(process.env);
  const prisma = createPrismaClient(env.DATABASE_URL);
  // Finding the tenant before one is known (keys, tokens, webhooks, quote links), the key check, health.
  const systemPrisma = createSystemPrismaClient(env.DATABASE_URL, { maxConnections: 5 });
  // Tenants' own accounts: their sealed credentials must open with this key, or the API does not start.
  const secrets = env.HERALD_SECRETS_KEY ? SecretBox.fromBase64(env.HERALD_SECRETS_KEY) : null;
  const keyProblem = secretsKeyProblem(secrets, await listCredentialKeyIds(systemPrisma));
  if (keyProblem) throw new AppError(ErrorCodes.CONFIG, keyProblem);
  // Sessions are signed with HERALD_AUTH_SECRET; the known development secret would let anyone forge them, so it
  // is accepted in production only while the app is served on this machine (a local `docker compose up`).
  const localApp = ['localhost', '127.0.0.1', '[::1]'].includes(new URL(env.HERALD_APP_URL).hostname);
  if (!env.HERALD_AUTH_SECRET && env.NODE_ENV === 'production' && !localApp) {
    throw new AppError(ErrorCodes.CONFIG, `HERALD_AUTH_SECRET is required when the app is served at ${env.HERALD_APP_URL} (at least 32 characters, e.g. \`openssl rand -base64 32\`).`);
  }
  if (!env.HERALD_AUTH_SECRET) logger.warn('HERALD_AUTH_SECRET is not set: sessions are signed with the development secret');
  const temporal = new TemporalGateway(env);
  const inboundEmail = createInboundEmailReader(providerSettings);
  // One LISTEN connection for this process's realtime streams, however many are open.
  const realtime = new RealtimeHub({ prisma, databaseUrl: env.DATABASE_URL, logger });
  const app = createApp({
    prisma,
    systemPrisma,
    temporal,
    temporalWeb: { uiUrl: env.TEMPORAL_UI_URL, namespace: env.TEMPORAL_NAMESPACE },
    logger,
    realtime: { hub: realtime },
    providers: activeProviders(providerSettings),
    ...(inboundEmail ? { inboundEmail } : {}),
    ...(secrets ? { secrets } : {}),
    ...(providerSettings.TWILIO_API_BASE_URL ? { twilioApiBaseUrl: providerSettings.TWILIO_API_BASE_URL } : {}),
    publicUrl: env.HERALD_PUBLIC_URL ?? `http://localhost:${env.HERALD_API_PORT}`,
    trustProxy: env.HERALD_TRUST_PROXY,
    auth: {
      secret: env.HERALD_AUTH_SECRET ?? DEVELOPMENT_AUTH_SETTINGS.secret,
      appUrl: env.HERALD_APP_URL,
      // The API's own origin (its docs page) may send session changes too.
      ...(env.HERALD_PUBLIC_URL ? { trustedOrigins: [env.HERALD_PUBLIC_URL] } : {}),
    },
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
      void Promise.all([realtime.close(), temporal.close(), prisma.$disconnect(), systemPrisma.$disconnect()]).finally(() => process.exit(0));
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
