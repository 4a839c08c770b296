import type { Channel } from '../../../domain/channels';
import type { TenantDb } from '../../tenant-scope';
import { messageWithContact } from './message-with-contact';

export interface CreateOutboundMessageInput {
  id: string;
  contactId: string;
  channel: Channel;
  body: string;
  subject?: string | null;
  /** null: send now (status queued); otherwise status scheduled. */
  scheduledAt: Date | null;
  workflowId: string;
  template?: { contentSid: string; variables: Record<string, string> } | undefined;
}

export function createOutboundMessage(db: TenantDb, input: CreateOutboundMessageInput) {
  return db.message.create({
    data: {
      tenantId: db.$tenantId(),
      id: input.id,
      contactId: input.contactId,
      direction: 'outbound',
      channel: input.channel,
      body: input.body,
      subject: input.subject ?? null,
      status: input.scheduledAt ? 'scheduled' : 'queued',
      scheduledAt: input.scheduledAt,
      workflowId: input.workflowId,
      // One key per message for its whole life: every send attempt of it carries the same key.
      idempotencyKey: input.workflowId,
      ...(input.template ? { templateSid: input.template.contentSid, templateVariables: input.template.variables } : {}),
    },
    ...messageWithContact,
  });
}
