import type { RequestHandler } from 'express';
import { CreateContactSchema } from '../../../domain/schemas/contact';
import { createContact as createContactQuery } from '../../../prisma/queries/contacts/create-contact';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';
import { toContactView } from '../../views';

export function createContact(): RequestHandler {
  return async (req, res) => {
    const input = CreateContactSchema.parse(req.body);
    const contact = await createContactQuery(tenantOf(res).db, input, actorOf(res));
    res.status(201).json({ contact: toContactView(contact) });
  };
}
