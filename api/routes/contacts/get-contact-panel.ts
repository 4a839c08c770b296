import type { RequestHandler } from 'express';
import { CHANNELS } from '../../../domain/channels';
import { threadState } from '../../../domain/inbox';
import { temporalRunUrl } from '../../../domain/temporal-web-links';
import { getContactPanel } from '../../../prisma/queries/contacts/get-contact-panel';
import { listContactNotes } from '../../../prisma/queries/notes/create-note';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { toNoteView } from '../../inbox-views';
import { iso, toContactView } from '../../views';

const CONSENT_AT = { sms: 'smsConsentAt', whatsapp: 'whatsappConsentAt', email: 'emailConsentAt' } as const;
const CONSENT = { sms: 'smsConsent', whatsapp: 'whatsappConsent', email: 'emailConsent' } as const;

export function getContactPanelRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { db } = tenantOf(res);
    const contactId = String(req.params.id);
    const panel = await getContactPanel(db, contactId);
    const notes = await listContactNotes(db, contactId, 50);
    const now = new Date();
    const { contact } = panel;
    res.json({
      contact: toContactView(contact),
      consent: CHANNELS.map((channel) => ({ channel, status: contact[CONSENT[channel]], changedAt: iso(contact[CONSENT_AT[channel]]) })),
      threads: panel.threads.map((t) => ({ id: t.id, channel: t.channel, status: threadState(t.status, t.snoozedUntil, now) })),
      notes: notes.map(toNoteView),
      enrollments: panel.enrollments.map((e) => ({
        id: e.id,
        sequenceId: e.sequenceId,
        sequenceName: e.sequence.name,
        status: e.status,
        currentStep: e.currentStep,
        nextSendAt: iso(e.nextSendAt),
        pausedAt: iso(e.pausedAt),
        workflowId: e.workflowId,
        temporalUrl: e.workflowId ? temporalRunUrl(temporalWeb, e.workflowId) : null,
      })),
      quotes: panel.quotes.map((q) => ({
        id: q.id,
        title: q.title,
        total: q.total.toFixed(2),
        currency: q.currency,
        status: q.status,
        expiresAt: iso(q.expiresAt),
        createdAt: q.createdAt.toISOString(),
      })),
      labels: [...new Set(panel.threads.flatMap((t) => t.labels))].sort(),
    });
  };
}
