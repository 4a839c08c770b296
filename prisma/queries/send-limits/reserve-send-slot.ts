import { localDay, paceSend, startOfNextLocalDay } from '../../../domain/send-pacing';
import type { TenantDb } from '../../tenant-scope';

/** A reservation older than this when its message finally sends (it was held, or deferred by quiet hours) is stale. */
const STALE_AFTER_MS = 60_000;
/** Days ahead a reservation may look for room under the daily cap. */
const MAX_DAYS_AHEAD = 366;

/**
 * Reserves the message's slot in its tenant's send pace, counted against the tenant-local day's cap, and
 * returns it: `at` itself, or a later instant the message must wait for. One transaction holding the
 * tenant's pace row, so concurrent reservations queue behind each other and get slots in their order.
 * Idempotent per message: a retried or replayed send gets the slot it already holds, unless that slot has
 * gone stale (then it reserves afresh and gives the old day's count back).
 *
 * `at` is the caller's clock — the workflow's — so slots agree with its timers.
 */
export async function reserveSendSlot(db: TenantDb, messageId: string, at: Date): Promise<Date> {
  const tenantId = db.$tenantId();
  const now = at.getTime();
  return db.$transaction(async (tx) => {
    const message = await tx.message.findFirstOrThrow({ where: { tenantId, id: messageId }, select: { sendSlotAt: true } });
    const held = message.sendSlotAt?.getTime();
    if (held !== undefined && held >= now - STALE_AFTER_MS) return message.sendSlotAt!;

    const tenant = await tx.tenant.findFirstOrThrow({
      where: { id: tenantId },
      select: { timeZone: true, sendRatePerMinute: true, sendBurst: true, sendDailyCap: true },
    });
    await tx.sendPacing.createMany({ data: [{ tenantId, tat: at }], skipDuplicates: true });
    const [pace] = await tx.$queryRaw<Array<{ tat: Date }>>`SELECT tat FROM send_pacing WHERE tenant_id = ${tenantId} FOR UPDATE`;
    const rate = { perMinute: tenant.sendRatePerMinute, burst: tenant.sendBurst };

    let { slot, tat } = paceSend(pace!.tat.getTime(), now, rate);
    for (let days = 0; ; days++) {
      const day = localDay(slot, tenant.timeZone);
      await tx.sendDayCount.createMany({ data: [{ tenantId, day: new Date(`${day}T00:00:00Z`), reserved: 0 }], skipDuplicates: true });
      const [count] = await tx.$queryRaw<Array<{ reserved: number }>>`
        SELECT reserved FROM send_day_counts WHERE tenant_id = ${tenantId} AND day = ${day}::date FOR UPDATE`;
      if (count!.reserved < tenant.sendDailyCap || days >= MAX_DAYS_AHEAD) {
        await tx.$executeRaw`UPDATE send_day_counts SET reserved = reserved + 1 WHERE tenant_id = ${tenantId} AND day = ${day}::date`;
        break;
      }
      // The day is full: the pace resumes at the start of the tenant's next day.
      ({ slot, tat } = paceSend(tat, startOfNextLocalDay(slot, tenant.timeZone), rate));
    }
    if (held !== undefined) {
      const staleDay = localDay(held, tenant.timeZone);
      await tx.$executeRaw`UPDATE send_day_counts SET reserved = reserved - 1 WHERE tenant_id = ${tenantId} AND day = ${staleDay}::date AND reserved > 0`;
    }
    await tx.$executeRaw`UPDATE send_pacing SET tat = ${new Date(tat)} WHERE tenant_id = ${tenantId}`;
    await tx.message.updateMany({ where: { tenantId, id: messageId }, data: { sendSlotAt: new Date(slot) } });
    return new Date(slot);
  });
}

/**
 * Whether one more compliance reply (a STOP/START/HELP confirmation) may go to the contact: at most the
 * tenant's bound in any 24 hours, so a loop of keywords (or of auto-responders answering each other) stops.
 */
export async function complianceReplyAllowed(db: TenantDb, contactId: string, messageId: string): Promise<boolean> {
  const tenant = await db.tenant.findFirstOrThrow({ select: { complianceRepliesPerDay: true } });
  const sent = await db.message.count({
    where: {
      contactId,
      origin: 'compliance',
      id: { not: messageId },
      createdAt: { gte: new Date(Date.now() - 86_400_000) },
      status: { in: ['sending', 'sent', 'delivered', 'read'] },
    },
  });
  return sent < tenant.complianceRepliesPerDay;
}
