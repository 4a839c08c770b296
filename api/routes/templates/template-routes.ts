import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { CreateTemplateSchema, PreviewTemplateSchema, UpdateTemplateSchema } from '../../../domain/schemas/template';
import { renderTemplate, templateInvalidError, templateProblemsAt } from '../../../domain/templates';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import { createTemplate, deleteTemplate, getTemplateOrThrow, listTemplates, updateTemplate } from '../../../prisma/queries/templates/templates';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';
import { toTemplateView } from '../../sequence-views';

/** Refuses, with the whole list, a template that would leave a blank or a stray brace in a customer's message. */
function assertValid(fields: { subject?: string | null | undefined; body?: string | undefined }): void {
  const problems = templateProblemsAt(fields, 'contact');
  if (problems.length) throw templateInvalidError('The template', problems);
}

export function createTemplateRoute(): RequestHandler {
  return async (req, res) => {
    const input = CreateTemplateSchema.parse(req.body);
    assertValid(input);
    res.status(201).json({ template: toTemplateView(await createTemplate(tenantOf(res).db, input, actorOf(res))) });
  };
}

export function listTemplatesRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ templates: (await listTemplates(tenantOf(res).db)).map(toTemplateView) });
  };
}

export function getTemplateRoute(): RequestHandler {
  return async (req, res) => {
    res.json({ template: toTemplateView(await getTemplateOrThrow(tenantOf(res).db, String(req.params.id))) });
  };
}

export function updateTemplateRoute(): RequestHandler {
  return async (req, res) => {
    const input = UpdateTemplateSchema.parse(req.body);
    const { db } = tenantOf(res);
    const current = await getTemplateOrThrow(db, String(req.params.id));
    if (input.subject && current.channel !== 'email') throw new AppError(ErrorCodes.VALIDATION, `subject is only used by email, not ${current.channel}`);
    if (input.contentSid && current.channel !== 'whatsapp') throw new AppError(ErrorCodes.VALIDATION, `contentSid is only used by whatsapp templates, not ${current.channel}`);
    assertValid(input);
    res.json({ template: toTemplateView(await updateTemplate(db, current.id, input, actorOf(res))) });
  };
}

export function deleteTemplateRoute(): RequestHandler {
  return async (req, res) => {
    await deleteTemplate(tenantOf(res).db, String(req.params.id), actorOf(res));
    res.status(204).end();
  };
}

/**
 * Renders a saved template (or unsaved text) for a real contact, as the contact would receive it; a value the
 * contact lacks is reported, never left blank.
 */
export function previewTemplateRoute(): RequestHandler {
  return async (req, res) => {
    const input = PreviewTemplateSchema.parse(req.body);
    const { db } = tenantOf(res);
    const saved = req.params.id ? await getTemplateOrThrow(db, String(req.params.id)) : null;
    const body = input.body ?? saved?.body;
    if (!body) throw new AppError(ErrorCodes.VALIDATION, 'body: give the text to preview');
    const subject = input.subject ?? saved?.subject ?? null;
    const channel = saved?.channel ?? input.channel ?? 'sms';
    assertValid({ subject, body });
    const [contact, tenant] = await Promise.all([getContactOrThrow(db, input.contactId), getTenantOrThrow(db)]);
    const context = { contact, tenant: { businessName: tenant.businessName, supportContact: tenant.supportContact } };
    const renderedBody = renderTemplate(body, context);
    const renderedSubject = subject ? renderTemplate(subject, context) : null;
    const problems = [...(renderedBody.ok ? [] : renderedBody.problems), ...(renderedSubject && !renderedSubject.ok ? renderedSubject.problems : [])];
    res.json({
      preview: {
        contactId: contact.id,
        channel,
        ok: problems.length === 0,
        subject: renderedSubject?.ok ? renderedSubject.text : null,
        body: renderedBody.ok ? renderedBody.text : null,
        problems,
      },
    });
  };
}
