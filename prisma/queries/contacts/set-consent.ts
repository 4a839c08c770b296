import type { Channel } from '../../../domain/channels';
import type { TenantTx } from '../../tenant-scope';

const FIELDS = {
  sms: { status: 'smsConsent', at: 'smsConsentAt' },
  whatsapp: { status: 'whatsappConsent', at: 'whatsappConsentAt' },
  email: { status: 'emailConsent', at: 'emailConsentAt' },
} as const;

/**
 * Records a contact's consent on a channel. `unlessRevoked` leaves an opt-out standing: for consent given where
 * nobody proved they own the address (a web form), which must never undo a STOP. Says whether it changed the row.
 */
export async function setConsent(
  db: TenantTx,
  contactId: string,
  channel: Channel,
  status: 'granted' | 'revoked',
  at = new Date(),
  options: { unlessRevoked?: boolean } = {},
): Promise<boolean> {
  const field = FIELDS[channel];
  const { count } = await db.contact.updateMany({
    where: { id: contactId, ...(options.unlessRevoked ? { [field.status]: { not: 'revoked' } } : {}) },
    data: { [field.status]: status, [field.at]: at },
  });
  return count === 1;
}
