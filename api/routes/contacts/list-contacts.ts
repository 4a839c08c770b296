import type { RequestHandler } from 'express';
import { ListContactsQuerySchema } from '../../../domain/schemas/contact';
import { listContacts as listContactsQuery } from '../../../prisma/queries/contacts/list-contacts';
import { tenantOf } from '../../http/authenticate';
import { toContactView } from '../../views';

export function listContacts(): RequestHandler {
  return async (req, res) => {
    const query = ListContactsQuerySchema.parse(req.query);
    const rows = await listContactsQuery(tenantOf(res).db, { limit: query.limit + 1, ...(query.cursor ? { cursor: query.cursor } : {}) });
    const page = rows.slice(0, query.limit);
    res.json({ contacts: page.map(toContactView), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null });
  };
}
