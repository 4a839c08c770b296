import type { RequestHandler } from 'express';
import { CreateContactSchema } from '../../../domain/schemas/contact';
import { checkCustomProperties } from '../../../domain/schemas/custom-field';
import { createContact as createContactQuery } from '../../../prisma/queries/contacts/create-contact';
import { actorOf } from '../../http/actor';
import { listCustomFields } from '../../../prisma/queries/custom-fields/custom-fields';
import { tenantOf } from '../../http/authenticate';
import { toContactView } from '../../views';

export function createContact(): RequestHandler {
  return async (req, res) => {
    const { db } = tenantOf(res);
    const input = CreateContactSchema.superRefine(checkCustomProperties(await listCustomFields(db))).parse(req.body);
    const contact = await createContactQuery(db, input, actorOf(res));
    res.status(201).json({ contact: toContactView(contact) });
  };
}
