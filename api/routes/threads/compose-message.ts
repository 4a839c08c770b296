import type { RequestHandler } from 'express';
import { MAX_BODY_LENGTH } from '../../../domain/channels';
import { fillApprovedTemplate, givenValueProblems, numberedVariables, renderNumbered } from '../../../domain/approved-templates';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { channelAvailability } from '../../../domain/inbox';
import { ComposeMessageSchema } from '../../../domain/schemas/inbox';
import { tenantQuietHours } from '../../../domain/quiet-hours';
import { renderTemplate, templateInvalidError, type TemplateContext } from '../../../domain/templates';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import { getTemplateOrThrow } from '../../../prisma/queries/templates/templates';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import { getThreadOrThrow } from '../../../prisma/queries/threads/get-thread-or-throw';
import { lastThreadSubject } from '../../../prisma/queries/threads/thread-timeline';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { toInboxMessage } from '../../inbox-views';
import { startOutboundMessage } from '../messages/start-outbound-message';
import { actorOf } from '../../http/actor';

const UNAVAILABLE_CODES = {
  no_address: ErrorCodes.CONTACT_UNREACHABLE,
  opted_out: ErrorCodes.CONSENT_REVOKED,
  whatsapp_window_closed: ErrorCodes.WHATSAPP_WINDOW_CLOSED,
} as const;

/**
 * An approved WhatsApp template's numbered values (domain/approved-templates.ts: the named variables of its text,
 * in order of first appearance, are {{1}}, {{2}}, …) and the text the inbox shows for them. The agent's values when
 * given — every number of the template, nothing else, each one sendable — else the contact's.
 */
function approvedTemplateMessage(template: { id: string; body: string }, context: TemplateContext, given: Record<string, string> | undefined) {
  if (given) {
    const problems = givenValueProblems(numberedVariables(template.body), given);
    if (problems.length) throw new AppError(ErrorCodes.VALIDATION, `variables: ${problems.join('; ')}`);
    return { body: renderNumbered(template.body, given), variables: given };
  }
  const filled = fillApprovedTemplate(template.body, context);
  if (!filled.ok) {
    const problems = filled.problems.map((v) => {
      const token = `{{${v.name}}}`;
      return { path: 'body', token, message: `${token} ({{${v.number}}}) ${v.problem}: give the values in variables, or fill it in on the contact` };
    });
    throw templateInvalidError(`Template ${template.id} for this contact`, problems);
  }
  return { body: filled.text, variables: filled.variables };
}

/**
 * An agent's message on a thread, now or later: checked up front as the composer shows it (address, consent,
 * WhatsApp window), then sent the API's one way (startOutboundMessage, origin "agent"). Another channel of the
 * same contact lands on that channel's thread.
 */
export function composeMessageRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = ComposeMessageSchema.parse(req.body);
    const { tenantId, db } = tenantOf(res);
    const thread = await getThreadOrThrow(db, String(req.params.id));
    const channel = input.channel ?? thread.channel;
    const [contact, tenant, template] = await Promise.all([
      getContactOrThrow(db, thread.contactId),
      getTenantOrThrow(db),
      input.templateId ? getTemplateOrThrow(db, input.templateId) : null,
    ]);
    if (template && template.channel !== channel) {
      throw new AppError(ErrorCodes.VALIDATION, `templateId: template ${template.id} is for ${template.channel}, not ${channel}`);
    }
    const approved = template?.contentSid && channel === 'whatsapp' ? template.contentSid : null;
    if (input.variables && !approved) throw new AppError(ErrorCodes.VALIDATION, 'variables: only an approved WhatsApp template (one with a contentSid) takes variables');
    const availability = channelAvailability(contact, channel, new Date());
    if (!availability.available && !(availability.templatesOnly && approved)) {
      throw new AppError(UNAVAILABLE_CODES[availability.reason!], availability.message!, { details: { channel, reason: availability.reason } });
    }

    const context = { contact, tenant: { businessName: tenant.businessName, supportContact: tenant.supportContact } };
    let body = input.body;
    let subject = input.subject ?? null;
    let variables: Record<string, string> = {};
    if (template && approved) {
      if (input.body) throw new AppError(ErrorCodes.VALIDATION, 'body: an approved WhatsApp template sends its approved text; give its values in variables instead');
      const message = approvedTemplateMessage(template, context, input.variables);
      // What the contact receives is the approved content with these values: the inbox shows its Herald twin.
      body = message.body;
      variables = message.variables;
    } else if (template) {
      const rendered = renderTemplate(template.body, context);
      const renderedSubject = template.subject && !subject ? renderTemplate(template.subject, context) : null;
      const problems = [
        ...(rendered.ok ? [] : rendered.problems.map((p) => ({ path: 'body', ...p }))),
        ...(renderedSubject && !renderedSubject.ok ? renderedSubject.problems.map((p) => ({ path: 'subject', ...p })) : []),
      ];
      if (problems.length) throw templateInvalidError(`Template ${template.id} for this contact`, problems);
      body ??= rendered.ok ? rendered.text : undefined;
      if (renderedSubject?.ok) subject = renderedSubject.text;
    }
    if (!body) throw new AppError(ErrorCodes.VALIDATION, 'body: give the text or a templateId');
    if (body.length > MAX_BODY_LENGTH[channel]) {
      throw new AppError(ErrorCodes.VALIDATION, `body: ${body.length} characters; ${channel} allows at most ${MAX_BODY_LENGTH[channel]}`);
    }
    if (channel === 'email') {
      subject ??= channel === thread.channel ? await lastThreadSubject(db, thread.id).then((s) => (s ? (/^re:/i.test(s) ? s : `Re: ${s}`) : null)) : null;
      if (!subject) throw new AppError(ErrorCodes.VALIDATION, 'subject: an email needs a subject (this thread has none to reply to)');
    } else if (input.subject) {
      throw new AppError(ErrorCodes.VALIDATION, `subject: only an email has a subject, not ${channel}`);
    }

    const { row } = await startOutboundMessage(deps, tenantId, db, {
      contactId: contact.id,
      timeZone: contact.timeZone ?? tenant.timeZone,
      channel,
      body,
      subject,
      sendAt: input.sendAt ? new Date(input.sendAt) : null,
      origin: 'agent',
      template: approved ? { contentSid: approved, variables } : undefined,
      actor: actorOf(res),
    });
    const rules = { quietHours: tenantQuietHours(tenant), contactTimeZone: contact.timeZone, tenantTimeZone: tenant.timeZone, stepWaits: new Map() };
    res.status(201).json({ message: toInboxMessage(row, deps.temporalWeb, rules) });
  };
}
