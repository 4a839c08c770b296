import type { TenantTx } from '../../tenant-scope';

export type ContactAddress = { phone: string; email?: never } | { email: string; phone?: never };

/**
 * The contact with this phone number or email, created with `defaults` if there is none — race-free: the
 * insert is `ON CONFLICT DO NOTHING` on the tenant's unique phone/email, so two concurrent callers end up
 * with the same row, never two rows and never a unique-violation error (the loser's insert waits for the
 * winner's commit, and its read, a new statement, sees the winner's row).
 */
export async function findOrCreateContactByAddress(
  db: TenantTx,
  address: ContactAddress,
  defaults: { firstName?: string | null; source: string },
) {
  await db.contact.createMany({
    data: [{ tenantId: db.$tenantId(), ...address, firstName: defaults.firstName ?? null, source: defaults.source }],
    skipDuplicates: true,
  });
  return db.contact.findFirstOrThrow({ where: address });
}
