import type { GetReceivingEmailResponseSuccess } from 'resend';

/** A received email's content, read through Resend's receiving API (its webhook carries metadata only). */
export interface InboundEmail {
  id: string;
  /** As written, e.g. `Ada Lovelace <ada@example.com>`. */
  from: string;
  to: string[];
  subject: string;
  text: string | null;
  html: string | null;
  /** This email's Message-ID: what a reply puts in In-Reply-To to stay in the thread. */
  messageId: string | null;
  /** The Message-ID this email answers, when the sender's client set one: ties a reply to Herald's email. */
  inReplyTo: string | null;
  /** The thread's earlier Message-IDs, oldest first. */
  references: string[];
  receivedAt: Date;
}

function header(headers: Record<string, string> | null, name: string): string | null {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found?.[1]?.trim() || null;
}

export function toInboundEmail(email: GetReceivingEmailResponseSuccess): InboundEmail {
  return {
    id: email.id,
    from: email.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: email.message_id || header(email.headers, 'message-id'),
    inReplyTo: header(email.headers, 'in-reply-to'),
    references: header(email.headers, 'references')?.split(/\s+/).filter(Boolean) ?? [],
    receivedAt: new Date(email.created_at),
  };
}
