import { convert } from 'html-to-text';
import { addressParser } from 'postal-mime';
import type { GetReceivingEmailResponseSuccess } from 'resend';
import { z } from 'zod';
import type { CallOptions } from '../messaging-provider';

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

/** Where received emails' content is read (Resend's receiving API, through ResendProvider). */
export interface InboundEmailSource {
  fetchInboundEmail(emailId: string, options?: CallOptions): Promise<InboundEmail>;
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

const EmailAddressSchema = z.email();

/**
 * The bare address of a header value such as `"Lovelace, Ada" <Ada@Example.com>`, lower-cased (contacts keep
 * their email lower-cased); null when it names no valid address. RFC 5322 parsing by postal-mime (the MIME
 * parser the Resend SDK itself uses): display names, quoting, comments and encoded words are its business.
 */
export function emailAddressOf(value: string): string | null {
  const [first] = addressParser(value, { flatten: true });
  const address = first?.address?.trim().toLowerCase();
  return address && EmailAddressSchema.safeParse(address).success ? address : null;
}

/**
 * What a received email says, for the inbox and the agent: the text part when there is one, else its HTML
 * turned into readable text by html-to-text (paragraphs and line breaks kept, link addresses shown, images and
 * scripts dropped). Only what Postgres cannot store is changed beyond that (see storableText).
 */
export function inboundEmailBody(email: Pick<InboundEmail, 'text' | 'html'>): string {
  if (email.text?.trim()) return storableText(email.text);
  if (!email.html?.trim()) return '';
  const text = convert(email.html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    ],
  });
  return storableText(text.trim());
}

/** Text as Postgres can keep it: without NUL characters, a lone surrogate replaced by U+FFFD. */
export function storableText(text: string): string {
  return text.replace(/\u0000/g, '').replace(/\p{Cs}/gu, '\uFFFD');
}
