import type { WaitUnit } from '../../../domain/sequence-schedule';
import type { TenantDb } from '../../tenant-scope';

/**
 * The waits of sequence steps by (enrollment, position), for explaining when step messages went out. Reads each
 * enrollment's version once.
 */
export async function findStepWaits(db: TenantDb, refs: Array<{ enrollmentId: string; position: number }>) {
  const waits = new Map<string, { position: number; waitAmount: number; waitUnit: WaitUnit }>();
  if (refs.length === 0) return waits;
  const enrollments = await db.enrollment.findMany({
    where: { id: { in: [...new Set(refs.map((r) => r.enrollmentId))] } },
    select: { id: true, version: { select: { steps: { select: { position: true, waitAmount: true, waitUnit: true } } } } },
  });
  for (const enrollment of enrollments) {
    for (const step of enrollment.version.steps) waits.set(`${enrollment.id}:${step.position}`, step);
  }
  return waits;
}
