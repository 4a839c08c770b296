import { AppError, ErrorCodes } from '../../../domain/errors';
import type { TenantDb } from '../../tenant-scope';

export async function getContactOrThrow(db: TenantDb, contactId: string) {
  const contact = await db.contact.findFirst({ where: { id: contactId } });
  if (!contact) {
    throw new AppError(ErrorCodes.NOT_FOUND, `Contact ${contactId} not found`, { details: { contactId } });
  }
  return contact;
}
