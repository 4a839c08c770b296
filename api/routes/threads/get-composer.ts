import type { RequestHandler } from 'express';
import { numberedValuesFor, renderNumbered } from '../../../domain/approved-templates';
import { CHANNELS } from '../../../domain/channels';
import { channelAvailability } from '../../../domain/inbox';
import { renderTemplate } from '../../../domain/templates';
import { listCannedReplies } from '../../../prisma/queries/canned-replies/canned-replies';
import { getContactPanel } from '../../../prisma/queries/contacts/get-contact-panel';
import { listTemplates } from '../../../prisma/queries/templates/templates';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import { getThreadOrThrow } from '../../../prisma/queries/threads/get-thread-or-throw';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { tenantProviders } from '../../tenant-providers';
import { iso } from '../../views';
import { toCannedReplyView } from '../canned-replies/canned-reply-routes';

/** What the composer can send on a thread: each channel with the reason it cannot, templates for this contact, canned replies. */
export function getComposerRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { db } = tenantOf(res);
    const thread = await getThreadOrThrow(db, String(req.params.id));
    const [panel, tenant, templates, cannedReplies, providers] = await Promise.all([
      getContactPanel(db, thread.contactId),
      getTenantOrThrow(db),
      listTemplates(db),
      listCannedReplies(db),
      tenantProviders(deps, db),
    ]);
    const { contact } = panel;
    const now = new Date();
    const channels = [thread.channel, ...CHANNELS.filter((c) => c !== thread.channel)].map((channel) => {
      const a = channelAvailability(contact, channel, now);
      return {
        channel,
        available: a.available,
        reason: a.reason,
        message: a.message,
        templatesOnly: a.templatesOnly,
        windowClosesAt: iso(a.windowClosesAt),
        threadId: panel.threads.find((t) => t.channel === channel)?.id ?? null,
        simulatedReplies: providers[channel].provider === 'fake',
      };
    });
    const context = { contact, tenant: { businessName: tenant.businessName, supportContact: tenant.supportContact } };
    res.json({
      threadId: thread.id,
      channels,
      templates: templates.map((t) => {
        const base = { id: t.id, name: t.name, channel: t.channel, subject: t.subject, body: t.body };
        if (t.channel === 'whatsapp' && t.contentSid !== null) {
          // Rendered as a send without the agent's values would be (compose-message.ts), so the preview is what goes.
          const variables = numberedValuesFor(t.body, context).map(({ number, name, value }) => ({ number, name, value }));
          const missing = variables.filter((v) => v.value === null);
          return {
            ...base,
            rendered: missing.length ? null : renderNumbered(t.body, Object.fromEntries(variables.map((v) => [v.number, v.value!]))),
            missing: missing.map((v) => `{{${v.name}}}`),
            approvedWhatsApp: true,
            variables,
          };
        }
        const rendered = renderTemplate(t.body, context);
        return {
          ...base,
          rendered: rendered.ok ? rendered.text : null,
          missing: rendered.ok ? [] : rendered.problems.map((p) => p.token),
          approvedWhatsApp: false,
          variables: null,
        };
      }),
      cannedReplies: cannedReplies.map(toCannedReplyView),
      contactTimeZone: contact.timeZone ?? tenant.timeZone,
      tenantTimeZone: tenant.timeZone,
    });
  };
}
