import type { CreateContact } from '../../../domain/schemas/contact';
import { AppError, ErrorCodes } from '../../../domain/errors';
import type { TenantDb } from '../../tenant-scope';
import { Prisma } from '../../client';

export async function createContact(db: TenantDb, input: CreateContact) {
  try {
    return await db.contact.create({
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
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError(ErrorCodes.CONFLICT, 'A contact with this phone number or email already exists', {
        details: { target: error.meta?.target },
      });
    }
    throw error;
  }
}
