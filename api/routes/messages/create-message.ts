import type { RequestHandler } from 'express';
import { addressFieldFor } from '../../../domain/channels';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { CreateMessageSchema } from '../../../domain/schemas/message';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';
import { toMessageView } from '../../views';
import { startOutboundMessage } from './start-outbound-message';

export function createMessage(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = CreateMessageSchema.parse(req.body);
    const { tenantId, db } = tenantOf(res);
    const [contact, tenant] = await Promise.all([getContactOrThrow(db, input.contactId), getTenantOrThrow(db)]);
    const field = addressFieldFor(input.channel);
    if (!contact[field]) {
      throw new AppError(
        ErrorCodes.CONTACT_UNREACHABLE,
        `Contact ${contact.id} has no ${field === 'phone' ? 'phone number' : 'email address'} for ${input.channel}`,
      );
    }
    const { row, runId } = await startOutboundMessage(deps, tenantId, db, {
      contactId: contact.id,
      timeZone: contact.timeZone ?? tenant.timeZone,
      channel: input.channel,
      body: input.body,
      subject: input.subject ?? null,
      sendAt: input.sendAt ? new Date(input.sendAt) : null,
      origin: 'api',
      template: input.template,
      actor: actorOf(res),
    });
    res.status(201).json({ message: toMessageView(row, deps.temporalWeb, runId ?? undefined) });
  };
}
