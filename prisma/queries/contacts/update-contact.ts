import { AppError, ErrorCodes } from '../../../domain/errors';
import type { UpdateContact } from '../../../domain/schemas/contact';
import { isUniqueViolation } from '../../postgres-errors';
import type { TenantDb } from '../../tenant-scope';
import type { Actor } from '../../../domain/audit';
import { recordEvent } from '../event-logs/record-event';
import { addressTakenError } from './find-address-owner';
import { getContactOrThrow } from './get-contact-or-throw';

const FIELDS = ['firstName', 'lastName', 'phone', 'email', 'timeZone', 'source'] as const;

/**
 * Changes a contact: the fields given (null clears one), custom properties merged in (a null value removes
 * that property). A contact keeps a phone or an email. A phone or email another contact has is a 409 naming that
 * contact — also when the other took it a moment before (the unique index decides). The change is recorded as
 * `contact.updated` with the names of the fields that changed (not their values) and its author.
 */
export async function updateContact(db: TenantDb, contactId: string, input: UpdateContact, actor: Actor) {
  try {
    return await db.$transaction(async (tx) => {
      const tenantId = db.$tenantId();
      const [locked] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM contacts WHERE tenant_id = ${tenantId} AND id = ${contactId} FOR UPDATE`;
      if (!locked) return getContactOrThrow(tx, contactId);
      const before = await getContactOrThrow(tx, contactId);

      const phone = input.phone === undefined ? before.phone : input.phone;
      const email = input.email === undefined ? before.email : input.email;
      if (!phone && !email) throw new AppError(ErrorCodes.VALIDATION, 'a contact needs a phone number or an email: it would have neither', { details: { issues: [{ path: 'phone', message: 'a contact needs a phone number or an email' }] } });
      const taken = await addressTakenError(tx, { phone: input.phone && input.phone !== before.phone ? input.phone : null, email: input.email && input.email !== before.email ? input.email : null }, contactId);
      if (taken) throw taken;

      const changed = FIELDS.filter((f) => input[f] !== undefined && input[f] !== before[f]);
      const data: Record<string, unknown> = Object.fromEntries(changed.map((f) => [f, input[f]]));
      const properties = input.customProperties ?? {};
      const set = Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== null));
      const remove = Object.keys(properties).filter((k) => properties[k] === null);
      const current = (before.customProperties ?? {}) as Record<string, unknown>;
      const propertiesChanged = Object.keys(set).filter((k) => JSON.stringify(current[k]) !== JSON.stringify(set[k])).concat(remove.filter((k) => k in current));
      if (changed.length === 0 && propertiesChanged.length === 0) return before;

      const now = new Date();
      if (changed.length) await tx.contact.updateMany({ where: { id: contactId }, data: { ...data, updatedAt: now } });
      if (propertiesChanged.length) {
        // Merged in SQL, on the row as it is now.
        await tx.$executeRaw`
          UPDATE contacts SET custom_properties = (custom_properties || ${JSON.stringify(set)}::jsonb) - ${remove}::text[], updated_at = ${now}
           WHERE tenant_id = ${tenantId} AND id = ${contactId}`;
      }
      await recordEvent(tx, {
        type: 'contact.updated',
        subjectType: 'contact',
        subjectId: contactId,
        actor,
        data: { fields: changed, customProperties: propertiesChanged },
      });
      return getContactOrThrow(tx, contactId);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw (await addressTakenError(db, { phone: input.phone ?? null, email: input.email ?? null }, contactId)) ?? error;
    throw error;
  }
}
