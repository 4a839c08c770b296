import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError } from 'better-auth/api';
import { symmetricEncrypt } from 'better-auth/crypto';
import { organization } from 'better-auth/plugins/organization';
import type { Logger } from 'pino';
import { ErrorCodes, isAppError } from '../../domain/errors';
import type { SystemPrisma } from '../../prisma/client';
import { keepPasswordResetEmail } from '../../prisma/queries/accounts/password-reset-email';
import { hashVerificationIdentifier, storedResetIdentifier } from './verification-identifiers';
import { accountEmailStart } from '../../workflows/definitions';
import type { TemporalGateway } from '../temporal-gateway';
import { organizationAccessControl, organizationRoles } from './access-control';

/** Where Better Auth answers; the web app proxies it, so to the browser it is the app's own origin. */
export const AUTH_BASE_PATH = '/api/auth';

/** Express writes the caller's address here (replacing anything a client sent) for Better Auth's rate limit. */
export const CLIENT_IP_HEADER = 'x-herald-client-ip';

export interface AuthSettings {
  /** HERALD_AUTH_SECRET: signs session cookies; at least 32 characters. */
  secret: string;
  /** Public URL of the web app (HERALD_APP_URL): the origin browsers call from, and where emailed links point. */
  appUrl: string;
  /** Further origins trusted to send cookie-authenticated changes (the API's own public URL, for its docs page). */
  trustedOrigins?: string[];
  /** Wrong or right, sign-in attempts per window and address before 429 (default 10 a minute). */
  signInLimit?: { max: number; windowSeconds: number };
  /** Sign-ups and invitation acceptances per window and address (default 10 an hour, 20 per 15 minutes). */
  signUpLimit?: { max: number; windowSeconds: number };
}

/**
 * Better Auth's endpoints that Herald's own operations replace, so each action has one home: sign-up creates the
 * tenant too (POST /api/signup), and members and invitations follow Herald's owner rules and accept API keys
 * (/api/members, /api/invitations). Reads and switching the active organization stay with Better Auth.
 */
const REPLACED_BY_HERALD = [
  '/sign-up/email',
  '/organization/create',
  '/organization/update',
  '/organization/delete',
  '/organization/check-slug',
  '/organization/invite-member',
  '/organization/accept-invitation',
  '/organization/reject-invitation',
  '/organization/cancel-invitation',
  '/organization/remove-member',
  '/organization/update-member-role',
  '/organization/leave',
];

/** Better Auth's log lines carry only their message: the extra arguments may hold what a request carried. */
function authLogger(logger: Logger) {
  return {
    level: 'warn' as const,
    log: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => logger[level]({ component: 'auth' }, message),
  };
}

export function createHeraldAuth(deps: { prisma: SystemPrisma; temporal: TemporalGateway; logger: Logger; settings: AuthSettings }) {
  const { prisma, temporal, logger, settings } = deps;
  const appOrigin = new URL(settings.appUrl).origin;
  const signInLimit = settings.signInLimit ?? { max: 10, windowSeconds: 60 };
  return betterAuth({
    appName: 'Herald',
    baseURL: appOrigin,
    basePath: AUTH_BASE_PATH,
    secret: settings.secret,
    trustedOrigins: [appOrigin, ...(settings.trustedOrigins ?? []).map((url) => new URL(url).origin)],
    database: prismaAdapter(prisma, { provider: 'postgresql', transaction: true }),
    telemetry: { enabled: false },
    logger: authLogger(logger),
    disabledPaths: REPLACED_BY_HERALD,
    user: { modelName: 'authUser' },
    session: { modelName: 'authSession' },
    account: { modelName: 'authAccount' },
    // Reset tokens hashed at rest: the email's link is built from the sealed copy kept beside the row.
    verification: { modelName: 'authVerification', storeIdentifier: { hash: hashVerificationIdentifier } },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      resetPasswordTokenExpiresIn: 3600,
      revokeSessionsOnPasswordReset: true,
      // The email goes through a workflow (once per token), carrying the token's row id only; the worker opens the
      // token sealed with the auth secret (symmetricEncrypt is Better Auth's own authenticated encryption).
      sendResetPassword: async ({ token }) => {
        const sealed = await symmetricEncrypt({ key: settings.secret, data: token });
        const verificationId = await keepPasswordResetEmail(prisma, await storedResetIdentifier(token), sealed);
        if (!verificationId) throw new Error('The reset token Better Auth just stored was not found');
        try {
          await temporal.start(accountEmailStart({ kind: 'password-reset', verificationId }));
        } catch (error) {
          if (isAppError(error) && error.code === ErrorCodes.UNAVAILABLE) {
            throw new APIError('SERVICE_UNAVAILABLE', { message: 'Email cannot be sent right now; try again shortly.', code: ErrorCodes.UNAVAILABLE });
          }
          throw error;
        }
      },
    },
    rateLimit: {
      enabled: true,
      // In Postgres, so that every API process counts the same attempts.
      storage: 'database',
      modelName: 'authRateLimit',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': { window: signInLimit.windowSeconds, max: signInLimit.max },
        '/request-password-reset': { window: 300, max: 5 },
        '/reset-password': { window: 300, max: 10 },
      },
    },
    advanced: {
      // Secure cookies whenever the app is served over https (SameSite=Lax and HttpOnly are Better Auth's defaults).
      useSecureCookies: appOrigin.startsWith('https:'),
      cookiePrefix: 'herald',
      defaultCookieAttributes: { sameSite: 'lax', httpOnly: true },
      // Better Auth turns its origin and CSRF checks off under a test runner by default; Herald's tests run them
      // as production does.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      database: { generateId: ({ model }) => `${ID_PREFIX[model] ?? 'ba'}_${crypto.randomUUID().replace(/-/g, '')}` },
    },
    plugins: [
      organization({
        ac: organizationAccessControl,
        roles: organizationRoles,
        creatorRole: 'owner',
        allowUserToCreateOrganization: false,
        schema: {
          organization: { modelName: 'tenant', fields: { name: 'businessName' } },
          member: { modelName: 'member', fields: { organizationId: 'tenantId', userId: 'authUserId' } },
          invitation: { modelName: 'invitation', fields: { organizationId: 'tenantId' } },
          session: { fields: { activeOrganizationId: 'activeTenantId' } },
        },
      }),
    ],
  });
}

/** Ids like Herald's own (`usr_…` are members, so accounts are `acc_…`). */
const ID_PREFIX: Record<string, string> = {
  user: 'acc',
  session: 'ses',
  account: 'cred',
  verification: 'ver',
  rateLimit: 'rl',
  organization: 'ten',
  member: 'usr',
  invitation: 'inv',
};

export type HeraldAuth = ReturnType<typeof createHeraldAuth>;
