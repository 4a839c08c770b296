import type { SqlClient } from '../../client';

/**
 * Bounce or complaint on an email: that contact's email consent goes off. Found by the provider's id, across
 * tenants (a webhook names no tenant); null when no message has that id.
 */
export async function revokeEmailConsentForMessage(db: SqlClient, providerMessageId: string, at: Date): Promise<{ tenantId: string } | null> {
  const rows = await db.$queryRaw<Array<{ tenant_id: string }>>`
    UPDATE contacts c SET email_consent = 'revoked', email_consent_at = ${at}
      FROM messages m
     WHERE m.provider_message_id = ${providerMessageId} AND c.tenant_id = m.tenant_id AND c.id = m.contact_id
    RETURNING m.tenant_id`;
  return rows[0] ? { tenantId: rows[0].tenant_id } : null;
}
