import type { Response } from 'express';
import { resolveContactFilter, type ResolvedContactFilter } from '../../../domain/contact-filter';
import { ContactFilterSchema, type ContactFilter } from '../../../domain/schemas/contact-filter';
import { listCustomFields } from '../../../prisma/queries/custom-fields/custom-fields';
import { getSavedViewOrThrow } from '../../../prisma/queries/saved-views/saved-views';
import { tenantOf } from '../../http/authenticate';
import { memberIdOf } from '../threads/caller';

/**
 * The contacts a list or the board shows: a saved view's filter, a filter given, or everyone — with `q` on top —
 * checked against the tenant's custom fields (a condition that does not fit its field is a 400 naming it).
 */
export async function contactSelection(res: Response, query: { q?: string | undefined; filter?: ContactFilter | undefined; viewId?: string | undefined }): Promise<ResolvedContactFilter> {
  const { db } = tenantOf(res);
  let filter: ContactFilter = query.filter ?? {};
  if (query.viewId) {
    // Stored when it was valid; read through the schema again, as the fields it names may have changed since.
    filter = ContactFilterSchema.parse((await getSavedViewOrThrow(db, query.viewId, memberIdOf(res))).filter);
  }
  if (query.q) filter = { ...filter, q: query.q };
  return resolveContactFilter(filter, await listCustomFields(db));
}
