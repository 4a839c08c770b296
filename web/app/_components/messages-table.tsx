import type { MessageView } from '../../lib/api';
import { truncate } from '../../lib/format';
import { isProblemStatus } from '../../lib/statuses';
import { ChannelBadge } from './channel-badge';
import { StatusPill } from './status-pill';
import { Timestamp } from './timestamp';

interface MessagesTableProps {
  messages: MessageView[];
  timeZone: string;
  now: number;
}

export function MessagesTable({ messages, timeZone, now }: MessagesTableProps) {
  return (
    <div className="table-wrap">
      <table className="messages" data-testid="messages-table">
        <thead>
          <tr>
            <th scope="col">Contact</th>
            <th scope="col">Channel</th>
            <th scope="col">Message</th>
            <th scope="col">Status</th>
            <th scope="col">Scheduled</th>
            <th scope="col">Sent</th>
            <th scope="col">
              <span className="sr-only">Workflow run</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <MessageRow key={message.id} message={message} timeZone={timeZone} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MessageRow({ message, timeZone, now }: { message: MessageView; timeZone: string; now: number }) {
  const showError = isProblemStatus(message.status) && (message.errorMessage || message.errorCode);
  // Inbound messages are never "sent" by Herald; the moment they arrived is the useful time in that column.
  const sentAt = message.sentAt ?? (message.direction === 'inbound' ? message.createdAt : null);

  return (
    <tr className="messages__row" data-testid="message-row" data-status={message.status} data-message-id={message.id}>
      <td className="messages__contact">
        <span className="contact__name">{message.contactName ?? 'Unnamed contact'}</span>
        <span className="contact__meta">
          {message.direction === 'inbound' && <span className="direction">Inbound</span>}
          <span className="mono">{message.contactId}</span>
        </span>
      </td>
      <td>
        <ChannelBadge channel={message.channel} />
      </td>
      <td className="messages__body" title={truncate(message.body, 600)}>
        {message.channel === 'email' && message.subject && (
          <span className="body__subject">{truncate(message.subject, 90)}</span>
        )}
        <span className="body__preview">{truncate(message.body, 140)}</span>
      </td>
      <td className="messages__status">
        <StatusPill status={message.status} />
        {showError && (
          <span className="status__error" title={message.errorCode ?? undefined}>
            {message.errorMessage ?? `Error ${message.errorCode}`}
          </span>
        )}
      </td>
      <td className="messages__time">
        <Timestamp iso={message.scheduledAt} timeZone={timeZone} now={now} />
      </td>
      <td className="messages__time">
        <Timestamp iso={sentAt} timeZone={timeZone} now={now} />
      </td>
      <td className="messages__run">
        {message.temporalUrl ? (
          <a
            className="run-link"
            href={message.temporalUrl}
            target="_blank"
            rel="noopener noreferrer"
            title={message.workflowId ?? undefined}
          >
            View run <span aria-hidden="true">↗</span>
          </a>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}
