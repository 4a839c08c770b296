import type { Actor } from '../../../domain/audit';
import type { CreateContact } from '../../../domain/schemas/contact';
import type { TenantDb } from '../../tenant-scope';
import { Prisma } from '../../client';
import { isUniqueViolation } from '../../postgres-errors';
import { recordEvent } from '../event-logs/record-event';
import { getStageOrThrow } from '../pipeline-stages/pipeline-stages';
import { addressTakenError } from './find-address-owner';

/**
 * A new contact, in a pipeline stage when one is given (its entry recorded like any move). A phone or email
 * another contact has is a 409 naming that contact.
 */
export async function createContact(db: TenantDb, input: CreateContact, actor: Actor) {
  try {
    return await db.$transaction(async (tx) => {
      const stage = input.stageId ? await getStageOrThrow(tx, input.stageId) : null;
      const now = new Date();
      const contact = await tx.contact.create({
        data: {
          tenantId: db.$tenantId(),
          firstName: input.firstName ?? null,
          lastName: input.lastName ?? null,
          phone: input.phone ?? null,
          email: input.email ?? null,
          timeZone: input.timeZone ?? null,
          customProperties: (input.customProperties ?? {}) as Prisma.InputJsonValue,
          source: input.source ?? 'api',
          stageId: stage?.id ?? null,
          stageChangedAt: stage ? now : null,
        },
      });
      await recordEvent(tx, { type: 'contact.created', subjectType: 'contact', subjectId: contact.id, actor, data: { source: contact.source } });
      if (stage) {
        await recordEvent(tx, {
          type: 'contact.stage_changed',
          subjectType: 'contact',
          subjectId: contact.id,
          actor,
          data: { from: null, to: { id: stage.id, name: stage.name } },
        });
      }
      return contact;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw (await addressTakenError(db, input)) ?? error;
    throw error;
  }
}
