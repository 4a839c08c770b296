import type { IngestLead } from '../../../domain/schemas/ingest';
import type { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';

/**
 * A lead that is already a contact (same phone, else same email) updates it: names and zone are filled in
 * where missing, custom properties are merged (new values win). Otherwise a contact is created.
 */
export async function upsertLeadContact(db: TenantDb, lead: IngestLead, source: string) {
  const tenantId = db.$tenantId();
  return db.$transaction(async (tx) => {
    const existing =
      (lead.phone ? await tx.contact.findFirst({ where: { tenantId, phone: lead.phone } }) : null) ??
      (lead.email ? await tx.contact.findFirst({ where: { tenantId, email: lead.email } }) : null);
    if (!existing) {
      const contact = await tx.contact.create({
        data: {
          tenantId,
          firstName: lead.firstName ?? null,
          lastName: lead.lastName ?? null,
          phone: lead.phone ?? null,
          email: lead.email ?? null,
          timeZone: lead.timeZone ?? null,
          customProperties: (lead.properties ?? {}) as Prisma.InputJsonValue,
          source,
        },
      });
      return { contact, created: true };
    }
    const contact = await tx.contact.update({
      where: { id: existing.id },
      data: {
        firstName: existing.firstName ?? lead.firstName ?? null,
        lastName: existing.lastName ?? lead.lastName ?? null,
        phone: existing.phone ?? lead.phone ?? null,
        email: existing.email ?? lead.email ?? null,
        timeZone: existing.timeZone ?? lead.timeZone ?? null,
        customProperties: { ...(existing.customProperties as Record<string, unknown>), ...(lead.properties ?? {}) } as Prisma.InputJsonValue,
      },
    });
    return { contact, created: false };
  });
}
