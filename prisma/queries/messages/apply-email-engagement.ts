import type { SqlClient } from '../../client';

/**
 * An email was opened or a link in it clicked (Resend's email.opened, email.clicked): one more of them, and the
 * first time becomes the earliest seen — events may come in any order. The status does not change: an open is
 * no delivery report. Reads across tenants by the provider's id, like delivery statuses. Null when no message
 * has that id.
 */
export async function applyEmailEngagement(db: SqlClient, providerMessageId: string, kind: 'opened' | 'clicked', at: Date): Promise<{ id: string; tenantId: string } | null> {
  const rows =
    kind === 'opened'
      ? await db.$queryRaw<Array<{ id: string; tenant_id: string }>>`
          UPDATE messages SET opened_at = LEAST(coalesce(opened_at, ${at}), ${at}), open_count = open_count + 1
           WHERE provider_message_id = ${providerMessageId} AND direction = 'outbound' AND channel = 'email'
          RETURNING id, tenant_id`
      : await db.$queryRaw<Array<{ id: string; tenant_id: string }>>`
          UPDATE messages SET clicked_at = LEAST(coalesce(clicked_at, ${at}), ${at}), click_count = click_count + 1
           WHERE provider_message_id = ${providerMessageId} AND direction = 'outbound' AND channel = 'email'
          RETURNING id, tenant_id`;
  return rows[0] ? { id: rows[0].id, tenantId: rows[0].tenant_id } : null;
}
