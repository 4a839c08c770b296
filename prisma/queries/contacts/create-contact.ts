import type { Actor } from '../../../domain/audit';
import type { CreateContact } from '../../../domain/schemas/contact';
import { AppError, ErrorCodes } from '../../../domain/errors';
import type { TenantDb } from '../../tenant-scope';
import { Prisma } from '../../client';
import { recordEvent } from '../event-logs/record-event';

/** A new contact, recorded in the event log with who added it. */
export async function createContact(db: TenantDb, input: CreateContact, actor: Actor) {
  try {
    return await db.$transaction(async (tx) => {
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
        },
      });
      await recordEvent(tx, { type: 'contact.created', subjectType: 'contact', subjectId: contact.id, actor, data: { source: contact.source } });
      return contact;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError(ErrorCodes.CONFLICT, 'A contact with this phone number or email already exists', {
        details: { target: error.meta?.target },
      });
    }
    throw error;
  }
}
