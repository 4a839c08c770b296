import Link from 'next/link';
import type { MessageStatus } from '../../lib/api';
import { statusLabel } from '../../lib/statuses';

interface EmptyStateProps {
  /** The active status filter; with one, "nothing matches" is the honest message, not onboarding. */
  status: MessageStatus | undefined;
  apiUrl: string;
  now: number;
}

export function EmptyState({ status, apiUrl, now }: EmptyStateProps) {
  if (status) {
    return (
      <section className="empty" data-testid="empty-state">
        <h2 className="empty__title">No {statusLabel(status).toLowerCase()} messages</h2>
        <p className="empty__text">
          Nothing is in this state right now. <Link href="/">Show all messages</Link>
        </p>
      </section>
    );
  }

  // A concrete, valid sendAt a few minutes out, so the example can be pasted as-is.
  const sendAt = new Date(Math.ceil((now + 10 * 60_000) / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');
  const payload = JSON.stringify({
    contactId: 'ctc_…',
    channel: 'sms',
    body: 'Hi! Just a reminder about your appointment tomorrow at 10:00.',
    sendAt,
  });
  const curl = [
    `curl -X POST ${apiUrl}/api/messages \\`,
    `  -H "Authorization: Bearer $HERALD_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${payload}'`,
  ].join('\n');

  return (
    <section className="empty" data-testid="empty-state">
      <h2 className="empty__title">No messages yet</h2>
      <p className="empty__text">
        Every message Herald sends is a durable Temporal workflow. Schedule your first one with the API, and it shows
        up here within seconds:
      </p>
      <pre className="code">
        <code>{curl}</code>
      </pre>
      <p className="empty__hint">
        Find a contact id with <code>GET /api/contacts</code>. Leave out <code>sendAt</code> to send right away; email
        also needs a <code>subject</code>.
      </p>
    </section>
  );
}
