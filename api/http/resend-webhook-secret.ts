import { AppError, ErrorCodes } from '../../domain/errors';
import { getProviderCredentials } from '../../prisma/queries/provider-credentials/provider-credentials';
import { findSendTenant } from '../../prisma/queries/send-ledger/find-send-tenant';
import { forTenant } from '../../prisma/tenant-scope';
import { openResendAccount } from '../../providers/credentials/tenant-credentials';
import type { ApiDeps } from '../deps';

/** The email an event is about, read before the signature is checked (only to pick the secret that must have signed it). */
function emailIdOf(rawBody: string): string | null {
  try {
    const data = (JSON.parse(rawBody) as { data?: { email_id?: unknown } } | null)?.data;
    return typeof data?.email_id === 'string' ? data.email_id : null;
  } catch {
    return null;
  }
}

/**
 * The secret a Resend webhook must be signed with: a tenant with its own Resend account gets its events signed
 * with that account's webhook secret (none stored: nothing of that account is accepted); everyone else's come
 * from the server's account (RESEND_WEBHOOK_SECRET). The tenant is the one whose email the event names.
 */
export async function resendWebhookSecretFor(deps: ApiDeps, tenantId: string | null): Promise<string | null> {
  if (tenantId) {
    const own = await getProviderCredentials(forTenant(deps.prisma, tenantId), 'resend');
    if (own) {
      if (!deps.secrets) throw new AppError(ErrorCodes.UNAVAILABLE, 'This server cannot open the Resend credentials that sign this webhook (HERALD_SECRETS_KEY is not set).');
      return openResendAccount(deps.secrets, own).webhookSecret ?? null;
    }
  }
  return deps.webhooks?.resendWebhookSecret ?? null;
}

/** The tenant whose email a Resend event is about, or null (an email Herald did not send, or not yet recorded). */
export function resendEventTenant(deps: ApiDeps, rawBody: string): Promise<string | null> {
  const emailId = emailIdOf(rawBody);
  return emailId ? findSendTenant(deps.systemPrisma, { ledgerId: null, providerMessageId: emailId }) : Promise.resolve(null);
}
