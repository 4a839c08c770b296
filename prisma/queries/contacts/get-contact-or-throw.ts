import { AppError, ErrorCodes } from '../../../domain/errors';
import type { TenantTx } from '../../tenant-scope';

export async function getContactOrThrow(db: TenantTx, contactId: string) {
  const contact = await db.contact.findFirst({ where: { id: contactId } });
  if (!contact) {
    throw new AppError(ErrorCodes.NOT_FOUND, `Contact ${contactId} not found`, { details: { contactId } });
  }
  return contact;
}
