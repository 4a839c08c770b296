import type { Channel } from '../../../domain/channels';
import type { TenantDb } from '../../tenant-scope';

const FIELDS = {
  sms: { status: 'smsConsent', at: 'smsConsentAt' },
  whatsapp: { status: 'whatsappConsent', at: 'whatsappConsentAt' },
  email: { status: 'emailConsent', at: 'emailConsentAt' },
} as const;

export async function setConsent(db: TenantDb, contactId: string, channel: Channel, status: 'granted' | 'revoked', at = new Date()) {
  const field = FIELDS[channel];
  await db.contact.updateMany({ where: { id: contactId }, data: { [field.status]: status, [field.at]: at } });
}
