import express, { type Express } from 'express';
import { ErrorCodes } from '../domain/errors';
import { createSessionAuth } from './auth/mount-auth';
import type { ApiDeps } from './deps';
import { errorMiddleware } from './http/error-middleware';
import { docsAssets } from './openapi/docs-group';
import { mountOperations } from './openapi/mount-operations';
import { OPERATION_GROUPS } from './openapi/operation-groups';

/** The HTTP app without `listen`, so tests drive it directly. Routes come only from the operation table. */
export function createApp(given: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // req.ip is the address per-address limits count by: believed from X-Forwarded-For only when it comes from a
  // trusted proxy (the web app's on this machine by default), so a client cannot pick a new one per attempt.
  app.set('trust proxy', given.trustProxy ?? 'loopback');
  const { sessions, handler: betterAuthHandler } = createSessionAuth({ prisma: given.systemPrisma, temporal: given.temporal, logger: given.logger, settings: given.auth });
  const deps: ApiDeps = { ...given, sessions };
  app.use(betterAuthHandler);
  for (const group of OPERATION_GROUPS) app.use(group.prefix, mountOperations(group, deps));
  app.use('/api/docs', ...docsAssets);
  app.use((req, res) => {
    res.status(404).json({ error: { code: ErrorCodes.NOT_FOUND, message: `No route for ${req.method} ${req.path}` } });
  });
  app.use(errorMiddleware(deps.logger));
  return app;
}
