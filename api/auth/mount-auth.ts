import type { RequestHandler } from 'express';
import { toNodeHandler } from 'better-auth/node';
import type { Logger } from 'pino';
import { DEVELOPMENT_AUTH_SECRET } from '../../domain/config';
import type { SystemPrisma } from '../../prisma/client';
import type { SessionAuth } from '../http/authenticate';
import type { TemporalGateway } from '../temporal-gateway';
import { AUTH_BASE_PATH, CLIENT_IP_HEADER, createHeraldAuth, type AuthSettings } from './herald-auth';

/** Development only: sessions signed with a secret everyone knows. server.ts refuses it in production. */
export const DEVELOPMENT_AUTH_SETTINGS: AuthSettings = {
  secret: DEVELOPMENT_AUTH_SECRET,
  appUrl: 'http://localhost:3000',
};

/**
 * Better Auth answers everything under /api/auth itself (sign in and out, sessions, password reset, the
 * organization reads), ahead of Herald's body parsers: it reads its own bodies. The caller's address, as Express
 * sees it, replaces any header of that name a client sent, for the sign-in rate limit.
 */
export function createSessionAuth(deps: { prisma: SystemPrisma; temporal: TemporalGateway; logger: Logger; settings?: AuthSettings | undefined }): {
  sessions: SessionAuth;
  handler: RequestHandler;
} {
  const settings = deps.settings ?? DEVELOPMENT_AUTH_SETTINGS;
  const auth = createHeraldAuth({ prisma: deps.prisma, temporal: deps.temporal, logger: deps.logger, settings });
  const nodeHandler = toNodeHandler(auth);
  const trustedOrigins = new Set([settings.appUrl, ...(settings.trustedOrigins ?? [])].map((url) => new URL(url).origin));
  const handler: RequestHandler = (req, res, next) => {
    if (req.path !== AUTH_BASE_PATH && !req.path.startsWith(`${AUTH_BASE_PATH}/`)) return next();
    req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? '';
    return nodeHandler(req, res);
  };
  return { sessions: { auth, trustedOrigins }, handler };
}
