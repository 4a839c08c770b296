import type { RequestHandler } from 'express';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import { tenantOf } from '../../http/authenticate';
import { toContactView } from '../../views';

export function getContact(): RequestHandler {
  return async (req, res) => {
    const contact = await getContactOrThrow(tenantOf(res).db, String(req.params.id));
    res.json({ contact: toContactView(contact) });
  };
}
