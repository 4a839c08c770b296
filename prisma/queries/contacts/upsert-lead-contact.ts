import type { IngestLead } from '../../../domain/schemas/ingest';
import type { Prisma } from '../../client';
import { retryOnUniqueViolation } from '../../postgres-errors';
import type { TenantTx } from '../../tenant-scope';

async function findLeadContact(tx: TenantTx, lead: IngestLead) {
  return (
    (lead.phone ? await tx.contact.findFirst({ where: { phone: lead.phone } }) : null) ??
    (lead.email ? await tx.contact.findFirst({ where: { email: lead.email } }) : null)
  );
}

/**
 * A lead that is already a contact (same phone, else same email) updates it: names, zone, and a missing phone
 * or email are filled in (an address another contact has stays with that contact), custom properties are
 * merged (new values win). Otherwise a contact is created.
 *
 * Race-free: the insert skips a conflict on the tenant's unique phone/email (a concurrent lead took it first)
 * and then updates that lead's contact; the update merges in SQL, so concurrent leads lose none of each other's
 * properties; a unique value taken between our read and our write runs the whole thing again.
 */
export async function upsertLeadContact(db: TenantTx, lead: IngestLead, source: string) {
  return retryOnUniqueViolation(db, async (tx) => {
    const tenantId = tx.$tenantId();
    let existing = await findLeadContact(tx, lead);
    if (!existing) {
      const [created] = await tx.contact.createManyAndReturn({
        data: [
          {
            tenantId,
            firstName: lead.firstName ?? null,
            lastName: lead.lastName ?? null,
            phone: lead.phone ?? null,
            email: lead.email ?? null,
            timeZone: lead.timeZone ?? null,
            customProperties: (lead.properties ?? {}) as Prisma.InputJsonValue,
            source,
          },
        ],
        skipDuplicates: true,
      });
      if (created) return { contact: created, created: true };
      existing = await findLeadContact(tx, lead);
      if (!existing) throw new Error('a lead contact conflicted on its phone or email, yet neither matches a contact');
    }
    const phone = lead.phone ?? null;
    const email = lead.email ?? null;
    await tx.$executeRaw`
      UPDATE contacts c SET
        first_name = COALESCE(c.first_name, ${lead.firstName ?? null}),
        last_name = COALESCE(c.last_name, ${lead.lastName ?? null}),
        time_zone = COALESCE(c.time_zone, ${lead.timeZone ?? null}),
        phone = CASE WHEN c.phone IS NULL AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.tenant_id = c.tenant_id AND o.phone = ${phone})
                     THEN ${phone} ELSE c.phone END,
        email = CASE WHEN c.email IS NULL AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.tenant_id = c.tenant_id AND o.email = ${email})
                     THEN ${email} ELSE c.email END,
        custom_properties = c.custom_properties || ${JSON.stringify(lead.properties ?? {})}::jsonb
      WHERE c.tenant_id = ${tenantId} AND c.id = ${existing.id}`;
    return { contact: await tx.contact.findFirstOrThrow({ where: { id: existing.id } }), created: false };
  });
}
