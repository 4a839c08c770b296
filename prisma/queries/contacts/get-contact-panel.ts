import type { TenantDb } from '../../tenant-scope';
import { getContactOrThrow } from './get-contact-or-throw';

/** What the inbox shows beside a thread about its contact: threads, running enrollments, quotes. */
export async function getContactPanel(db: TenantDb, contactId: string) {
  const contact = await getContactOrThrow(db, contactId);
  const [threads, enrollments, quotes] = await Promise.all([
    db.thread.findMany({ where: { contactId }, orderBy: { channel: 'asc' }, select: { id: true, channel: true, status: true, snoozedUntil: true, labels: true } }),
    db.enrollment.findMany({
      where: { contactId, status: { in: ['active', 'paused'] } },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: 50,
      include: { sequence: { select: { name: true } } },
    }),
    db.quote.findMany({ where: { contactId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 20 }),
  ]);
  return { contact, threads, enrollments, quotes };
}
