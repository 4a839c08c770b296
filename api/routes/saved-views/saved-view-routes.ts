import type { RequestHandler } from 'express';
import { resolveContactFilter } from '../../../domain/contact-filter';
import { CreateSavedViewSchema, UpdateSavedViewSchema, type SavedView } from '../../../domain/schemas/saved-view';
import type { ContactFilter } from '../../../domain/schemas/contact-filter';
import { listCustomFields } from '../../../prisma/queries/custom-fields/custom-fields';
import { createSavedView, deleteSavedView, getSavedViewOrThrow, listSavedViews, updateSavedView } from '../../../prisma/queries/saved-views/saved-views';
import type { TenantDb } from '../../../prisma/tenant-scope';
import { tenantOf } from '../../http/authenticate';
import { memberIdOf, requireMember } from '../threads/caller';

type SavedViewRow = { id: string; name: string; filter: unknown; userId: string | null; createdAt: Date; updatedAt: Date };

export function toSavedView(row: SavedViewRow): SavedView {
  return { id: row.id, name: row.name, filter: row.filter as ContactFilter, personal: row.userId !== null, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** A view is saved only with a filter that works today: its conditions fit the tenant's custom fields. */
async function checkFilter(db: TenantDb, filter: ContactFilter) {
  resolveContactFilter(filter, await listCustomFields(db));
}

export function listSavedViewsRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ views: (await listSavedViews(tenantOf(res).db, memberIdOf(res))).map(toSavedView) });
  };
}

export function getSavedViewRoute(): RequestHandler {
  return async (req, res) => {
    res.json({ view: toSavedView(await getSavedViewOrThrow(tenantOf(res).db, String(req.params.id), memberIdOf(res))) });
  };
}

export function createSavedViewRoute(): RequestHandler {
  return async (req, res) => {
    const input = CreateSavedViewSchema.parse(req.body);
    const { db } = tenantOf(res);
    const userId = input.personal ? requireMember(res, 'A personal view') : null;
    await checkFilter(db, input.filter);
    res.status(201).json({ view: toSavedView(await createSavedView(db, { name: input.name, filter: input.filter, userId })) });
  };
}

export function updateSavedViewRoute(): RequestHandler {
  return async (req, res) => {
    const input = UpdateSavedViewSchema.parse(req.body);
    const { db } = tenantOf(res);
    if (input.filter) await checkFilter(db, input.filter);
    res.json({ view: toSavedView(await updateSavedView(db, String(req.params.id), memberIdOf(res), input)) });
  };
}

export function deleteSavedViewRoute(): RequestHandler {
  return async (req, res) => {
    await deleteSavedView(tenantOf(res).db, String(req.params.id), memberIdOf(res));
    res.status(204).end();
  };
}
