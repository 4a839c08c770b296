import type { TenantDb } from '../../tenant-scope';
import type { Actor } from '../../../domain/audit';
import { recordEvent } from '../event-logs/record-event';
import { getStageOrThrow } from '../pipeline-stages/pipeline-stages';
import { getContactOrThrow } from './get-contact-or-throw';

/**
 * Moves a contact to a stage (or out of the pipeline) and records the move in the event log with its author —
 * `contact.stage_changed {from, to}` with its actor, stages named as they were — in one transaction. The contact's row is
 * locked first, so two agents moving it at once record two moves that chain (A→B, then B→C), never two moves
 * from A. A move to where it already stands changes and records nothing.
 */
export async function moveContactStage(db: TenantDb, contactId: string, stageId: string | null, actor: Actor) {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ stage_id: string | null }>>`
      SELECT stage_id FROM contacts WHERE tenant_id = ${db.$tenantId()} AND id = ${contactId} FOR UPDATE`;
    if (!row) return getContactOrThrow(tx, contactId);
    const to = stageId ? await getStageOrThrow(tx, stageId) : null;
    if ((to?.id ?? null) === row.stage_id) return getContactOrThrow(tx, contactId);
    const from = row.stage_id ? await tx.pipelineStage.findFirst({ where: { id: row.stage_id }, select: { id: true, name: true } }) : null;
    const now = new Date();
    await tx.contact.updateMany({ where: { id: contactId }, data: { stageId: to?.id ?? null, stageChangedAt: now, updatedAt: now } });
    await recordEvent(tx, {
      type: 'contact.stage_changed',
      subjectType: 'contact',
      subjectId: contactId,
      actor,
      data: { from: from ? { id: from.id, name: from.name } : null, to: to ? { id: to.id, name: to.name } : null },
    });
    return getContactOrThrow(tx, contactId);
  });
}
