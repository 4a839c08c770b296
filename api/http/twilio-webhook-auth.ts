import type { Request } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';
import { getProviderCredentials } from '../../prisma/queries/provider-credentials/provider-credentials';
import { forTenant } from '../../prisma/tenant-scope';
import { openTwilioAccount } from '../../providers/credentials/tenant-credentials';
import { verifyTwilioSignature } from '../../providers/webhooks/verify-twilio-signature';
import type { ApiDeps } from '../deps';
import { publicUrlOf } from './public-url';

/**
 * The Auth Token Twilio signs a tenant's webhooks with: its own account's when it stored one, else the server's
 * (TWILIO_AUTH_TOKEN; null when that is not set). With no tenant, the server's.
 */
export async function twilioAuthTokenFor(deps: ApiDeps, tenantId: string | null): Promise<string | null> {
  if (tenantId) {
    const own = await getProviderCredentials(forTenant(deps.prisma, tenantId), 'twilio');
    if (own) {
      // A 503 makes Twilio retry: the operator can still set the key, and nothing is lost meanwhile.
      if (!deps.secrets) throw new AppError(ErrorCodes.UNAVAILABLE, 'This server cannot open the Twilio credentials that sign this webhook (HERALD_SECRETS_KEY is not set).');
      return openTwilioAccount(deps.secrets, own).authToken;
    }
  }
  return deps.webhooks?.twilioAuthToken ?? null;
}

/** Whether X-Twilio-Signature — over the exact public URL Twilio called and the form — was made with this token. */
export function signedWith(deps: ApiDeps, req: Request, token: string | null): boolean {
  return Boolean(token) && verifyTwilioSignature(token!, req.header('x-twilio-signature'), publicUrlOf(req, deps.webhooks?.publicUrl), req.body ?? {});
}

/** Nothing is written before this passes: a missing or wrong signature is a 403, and so is a webhook no token is known for. */
export function requireTwilioSignature(deps: ApiDeps, req: Request, tokens: Array<string | null>): void {
  if (!tokens.some(Boolean)) throw new AppError(ErrorCodes.FORBIDDEN, 'Twilio webhooks are not configured on this server (TWILIO_AUTH_TOKEN).');
  if (!tokens.some((token) => signedWith(deps, req, token))) throw new AppError(ErrorCodes.FORBIDDEN, 'Invalid or missing X-Twilio-Signature.');
}
