import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { ResendCredentialsSchema, TwilioCredentialsSchema, type ProviderCredentialsView } from '../../../domain/schemas/provider-credentials';
import {
  deleteProviderCredentials,
  listProviderCredentials,
  saveProviderCredentials,
  type CredentialProvider,
} from '../../../prisma/queries/provider-credentials/provider-credentials';
import type { TenantDb } from '../../../prisma/tenant-scope';
import type { SecretBox } from '../../../providers/credentials/secret-box';
import { sealResendAccount, sealTwilioAccount } from '../../../providers/credentials/tenant-credentials';
import { checkTwilioCredentials } from '../../../providers/twilio/check-twilio-credentials';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';
import { tenantProviders } from '../../tenant-providers';

/** What the tenant may see of its accounts: which provider serves each channel, the Account SID, a key's last four. */
async function view(deps: ApiDeps, db: TenantDb): Promise<ProviderCredentialsView> {
  const stored = await listProviderCredentials(db);
  const twilio = stored.find((c) => c.provider === 'twilio');
  const resend = stored.find((c) => c.provider === 'resend');
  return {
    channels: await tenantProviders(deps, db),
    twilio: twilio ? { accountSid: twilio.accountSid ?? '', updatedAt: twilio.updatedAt.toISOString() } : null,
    resend: resend ? { apiKeyLast4: resend.keyLast4 ?? '', webhookSecret: resend.hasWebhookSecret, updatedAt: resend.updatedAt.toISOString() } : null,
  };
}

function secretsOf(deps: ApiDeps): SecretBox {
  if (!deps.secrets) {
    throw new AppError(ErrorCodes.UNAVAILABLE, 'This server cannot store provider credentials: its operator has not set HERALD_SECRETS_KEY. Nothing was saved.');
  }
  return deps.secrets;
}

export function getProviderCredentialsRoute(deps: ApiDeps): RequestHandler {
  return async (_req, res) => {
    res.json({ providerCredentials: await view(deps, tenantOf(res).db) });
  };
}

/** Checked with Twilio before anything is kept: credentials Twilio refuses are a 422 with its reason. */
export function putTwilioCredentialsRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = TwilioCredentialsSchema.parse(req.body);
    const secrets = secretsOf(deps);
    const { tenantId, db } = tenantOf(res);
    const check = await checkTwilioCredentials({ ...input, ...(deps.twilioApiBaseUrl ? { baseUrl: deps.twilioApiBaseUrl } : {}) });
    if (!check.ok && check.refused) {
      throw new AppError(ErrorCodes.CREDENTIALS_REJECTED, `Twilio refused these credentials: ${check.reason}. Nothing was saved.`);
    }
    if (!check.ok) {
      throw new AppError(ErrorCodes.UNAVAILABLE, `Twilio could not be reached to check these credentials (${check.reason}); nothing was saved. Try again.`, {
        retryAfterSeconds: 30,
      });
    }
    await saveProviderCredentials(db, 'twilio', {
      accountSid: input.accountSid,
      keyLast4: null,
      hasWebhookSecret: false,
      sealed: sealTwilioAccount(secrets, tenantId, input),
    }, actorOf(res));
    deps.logger.info({ tenantId, provider: 'twilio', accountSid: input.accountSid, accountType: check.accountType }, 'tenant stored its own provider account');
    res.json({ providerCredentials: await view(deps, db) });
  };
}

/**
 * Resend is not asked: a sending-only API key (the kind to give Herald) may not read anything, so a check would
 * refuse good keys. A key Resend refuses fails the first send with Resend's reason.
 */
export function putResendCredentialsRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = ResendCredentialsSchema.parse(req.body);
    const secrets = secretsOf(deps);
    const { tenantId, db } = tenantOf(res);
    await saveProviderCredentials(db, 'resend', {
      accountSid: null,
      keyLast4: input.apiKey.slice(-4),
      hasWebhookSecret: Boolean(input.webhookSecret),
      sealed: sealResendAccount(secrets, tenantId, input),
    }, actorOf(res));
    deps.logger.info({ tenantId, provider: 'resend' }, 'tenant stored its own provider account');
    res.json({ providerCredentials: await view(deps, db) });
  };
}

/** The channel goes back to the server's account. Deleting what is not there is not an error. */
export function deleteCredentialsRoute(deps: ApiDeps, provider: CredentialProvider): RequestHandler {
  return async (_req, res) => {
    const { tenantId, db } = tenantOf(res);
    if (await deleteProviderCredentials(db, provider, actorOf(res))) deps.logger.info({ tenantId, provider }, 'tenant removed its own provider account');
    res.status(204).end();
  };
}
