import type { TenantDb } from '../../tenant-scope';

export function listContacts(db: TenantDb, options: { limit: number; cursor?: string }) {
  return db.contact.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: options.limit,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
  });
}
