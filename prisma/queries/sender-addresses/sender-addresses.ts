import type { Channel } from '../../../domain/channels';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';

export function listSenderAddresses(db: TenantDb) {
  return db.senderAddress.findMany({ orderBy: { createdAt: 'asc' } });
}

/** A number routes inbound messages to exactly one tenant, so it can be registered only once. */
export async function addSenderAddress(db: TenantDb, input: { channel: Channel; address: string }) {
  try {
    return await db.senderAddress.create({ data: { tenantId: db.$tenantId(), ...input } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError(ErrorCodes.CONFLICT, `${input.address} is already registered for ${input.channel}`);
    }
    throw error;
  }
}
