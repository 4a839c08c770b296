import { AppError, ErrorCodes } from '../../../domain/errors';
import type { TenantTx } from '../../tenant-scope';

/**
 * The 409 for a contact write whose phone or email another contact has: it names the field and that contact,
 * so the caller (the app offering a merge) knows which one it is. Null when no other contact holds them.
 */
export async function addressTakenError(db: TenantTx, address: { phone?: string | null | undefined; email?: string | null | undefined }, exceptId?: string): Promise<AppError | null> {
  for (const field of ['phone', 'email'] as const) {
    const value = address[field];
    if (!value) continue;
    const other = await db.contact.findFirst({ where: { [field]: value, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
    if (other) {
      return new AppError(ErrorCodes.CONFLICT, `Another contact has this ${field === 'phone' ? 'phone number' : 'email'}: ${other.id}. Merge the two, or use another.`, {
        details: { field, contactId: other.id },
      });
    }
  }
  return null;
}
