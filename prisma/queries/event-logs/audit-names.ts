import type { TenantDb } from '../../tenant-scope';

type Named = { type: string; id: string };

const personName = (c: { firstName: string | null; lastName: string | null; email: string | null; phone: string | null }) =>
  [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.phone || null;

const CHANNEL_NAMES: Record<string, string> = { sms: 'SMS', whatsapp: 'WhatsApp', email: 'Email' };
const PROVIDER_NAMES: Record<string, string> = { twilio: 'Twilio account', resend: 'Resend account' };

/**
 * What the audit log calls the actors and subjects of a page of entries, as they are now: a name per
 * `type:id`. Each kind is read once for the page's ids (at most a page's worth each, by primary key); what no
 * longer exists is simply absent (the caller falls back to what the entry recorded).
 */
export async function auditNames(db: TenantDb, refs: Named[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
  const read = async <T>(type: string, find: (ids: string[]) => Promise<T[]>, name: (row: T) => [string, string | null]): Promise<Array<[string, string]>> => {
    const wanted = ids(type);
    if (!wanted.length) return [];
    return (await find(wanted)).flatMap((row) => {
      const [id, label] = name(row);
      return label ? [[`${type}:${id}`, label] as [string, string]] : [];
    });
  };
  const contactSelect = { id: true, firstName: true, lastName: true, email: true, phone: true } as const;
  const named = await Promise.all([
    read('user', (i) => db.member.findMany({ where: { id: { in: i } }, select: { id: true, name: true } }), (m) => [m.id, m.name]),
    read('member', (i) => db.member.findMany({ where: { id: { in: i } }, select: { id: true, name: true } }), (m) => [m.id, m.name]),
    read('apiKey', (i) => db.apiKey.findMany({ where: { id: { in: i } }, select: { id: true, name: true } }), (k) => [k.id, `API key “${k.name}”`]),
    read('api_key', (i) => db.apiKey.findMany({ where: { id: { in: i } }, select: { id: true, name: true } }), (k) => [k.id, k.name]),
    read('ingestToken', (i) => db.ingestToken.findMany({ where: { id: { in: i } }, select: { id: true, name: true } }), (t) => [t.id, `Ingest token “${t.name}”`]),
    read('ingest_token', (i) => db.ingestToken.findMany({ where: { id: { in: i } }, select: { id: true, name: true } }), (t) => [t.id, t.name]),
    read('contact', (i) => db.contact.findMany({ where: { id: { in: i } }, select: contactSelect }), (c) => [c.id, personName(c)]),
    read('template', (i) => db.template.findMany({ where: { id: { in: i } }, select: { id: true, name: true } }), (t) => [t.id, t.name]),
    read('sequence', (i) => db.sequence.findMany({ where: { id: { in: i } }, select: { id: true, name: true } }), (s) => [s.id, s.name]),
    read('canned_reply', (i) => db.cannedReply.findMany({ where: { id: { in: i } }, select: { id: true, shortcut: true } }), (r) => [r.id, `/${r.shortcut}`]),
    read('sender_address', (i) => db.senderAddress.findMany({ where: { id: { in: i } }, select: { id: true, address: true } }), (s) => [s.id, s.address]),
    read('invitation', (i) => db.invitation.findMany({ where: { id: { in: i } }, select: { id: true, email: true } }), (v) => [v.id, v.email]),
    read('notification_rule', (i) => db.notificationRule.findMany({ where: { id: { in: i } }, select: { id: true, event: true, channel: true } }), (r) => [r.id, `${r.event} by ${CHANNEL_NAMES[r.channel] ?? r.channel}`]),
    read('quote', (i) => db.quote.findMany({ where: { id: { in: i } }, select: { id: true, title: true, contact: { select: contactSelect } } }), (q) => [q.id, q.title ?? `Quote for ${personName(q.contact) ?? 'a contact'}`]),
    read('enrollment', (i) => db.enrollment.findMany({ where: { id: { in: i } }, select: { id: true, sequence: { select: { name: true } }, contact: { select: contactSelect } } }), (e) => [e.id, `${personName(e.contact) ?? 'A contact'} in “${e.sequence.name}”`]),
    read('bulk_enrollment', (i) => db.bulkEnrollment.findMany({ where: { id: { in: i } }, select: { id: true, sequence: { select: { name: true } } } }), (b) => [b.id, `Contacts into “${b.sequence.name}”`]),
    read('thread', (i) => db.thread.findMany({ where: { id: { in: i } }, select: { id: true, channel: true, contact: { select: contactSelect } } }), (t) => [t.id, `${CHANNEL_NAMES[t.channel] ?? t.channel} with ${personName(t.contact) ?? 'a contact'}`]),
    read('message', (i) => db.message.findMany({ where: { id: { in: i } }, select: { id: true, channel: true, direction: true, contact: { select: contactSelect } } }), (m) => [m.id, `${CHANNEL_NAMES[m.channel] ?? m.channel} ${m.direction === 'inbound' ? 'from' : 'to'} ${personName(m.contact) ?? 'a contact'}`]),
    read('note', (i) => db.note.findMany({ where: { id: { in: i } }, select: { id: true, thread: { select: { contact: { select: contactSelect } } } } }), (n) => [n.id, `Note on ${personName(n.thread.contact) ?? 'a contact'}`]),
    read('tenant', (i) => db.tenant.findMany({ where: { id: { in: i } }, select: { id: true, businessName: true } }), (t) => [t.id, t.businessName]),
  ]);
  const names = new Map(named.flat());
  for (const id of ids('provider_credentials')) names.set(`provider_credentials:${id}`, PROVIDER_NAMES[id] ?? id);
  return names;
}
