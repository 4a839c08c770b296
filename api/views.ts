import type { ContactView } from '../domain/schemas/contact';
import type { MessageView } from '../domain/schemas/message';
import { temporalRunUrl, type TemporalWebConfig } from '../domain/temporal-web-links';

export const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

type MessageRow = {
  id: string;
  contactId: string;
  direction: 'inbound' | 'outbound';
  channel: MessageView['channel'];
  body: string;
  subject: string | null;
  status: MessageView['status'];
  provider: string | null;
  providerMessageId: string | null;
  tenantAddress: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  scheduledAt: Date | null;
  sentAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  workflowId: string | null;
  contact: { firstName: string | null; lastName: string | null };
};

export function contactName(contact: { firstName: string | null; lastName: string | null }): string | null {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null;
}

export function toMessageView(row: MessageRow, web: TemporalWebConfig, runId?: string): MessageView {
  return {
    id: row.id,
    contactId: row.contactId,
    contactName: contactName(row.contact),
    direction: row.direction,
    channel: row.channel,
    body: row.body,
    subject: row.subject,
    status: row.status,
    provider: row.provider,
    providerMessageId: row.providerMessageId,
    tenantAddress: row.tenantAddress,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    scheduledAt: iso(row.scheduledAt),
    sentAt: iso(row.sentAt),
    deliveredAt: iso(row.deliveredAt),
    cancelledAt: iso(row.cancelledAt),
    createdAt: row.createdAt.toISOString(),
    workflowId: row.workflowId,
    temporalUrl: row.workflowId ? temporalRunUrl(web, row.workflowId, runId) : null,
  };
}

type ContactRow = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  timeZone: string | null;
  customProperties: unknown;
  smsConsent: ContactView['consent']['sms'];
  whatsappConsent: ContactView['consent']['sms'];
  emailConsent: ContactView['consent']['sms'];
  source: string | null;
  stageId: string | null;
  stageChangedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toContactView(row: ContactRow): ContactView {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    email: row.email,
    timeZone: row.timeZone,
    customProperties: (row.customProperties ?? {}) as Record<string, unknown>,
    consent: { sms: row.smsConsent, whatsapp: row.whatsappConsent, email: row.emailConsent },
    source: row.source,
    stageId: row.stageId,
    stageChangedAt: iso(row.stageChangedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
