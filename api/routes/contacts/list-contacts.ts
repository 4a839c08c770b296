import type { RequestHandler } from 'express';
import { z } from 'zod';
import { listContacts as listContactsQuery } from '../../../prisma/queries/contacts/list-contacts';
import { tenantOf } from '../../http/authenticate';
import { toContactView } from '../../views';

const QuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(64).optional() })
  .strict();

export function listContacts(): RequestHandler {
  return async (req, res) => {
    const query = QuerySchema.parse(req.query);
    const rows = await listContactsQuery(tenantOf(res).db, { limit: query.limit + 1, ...(query.cursor ? { cursor: query.cursor } : {}) });
    const page = rows.slice(0, query.limit);
    res.json({ contacts: page.map(toContactView), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null });
  };
}
