import type { RequestHandler } from 'express';
import { UpdateContactSchema } from '../../../domain/schemas/contact';
import { checkCustomProperties } from '../../../domain/schemas/custom-field';
import { listCustomFields } from '../../../prisma/queries/custom-fields/custom-fields';
import { updateContact } from '../../../prisma/queries/contacts/update-contact';
import { tenantOf } from '../../http/authenticate';
import { toContactView } from '../../views';
import { actorOf } from '../../http/actor';

export function updateContactRoute(): RequestHandler {
  return async (req, res) => {
    const { db } = tenantOf(res);
    const input = UpdateContactSchema.superRefine(checkCustomProperties(await listCustomFields(db))).parse(req.body);
    const contact = await updateContact(db, String(req.params.id), input, actorOf(res));
    res.json({ contact: toContactView(contact) });
  };
}
