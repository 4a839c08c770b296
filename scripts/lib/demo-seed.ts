/**
 * The demo tenant that makes a first `npm start` alive: people of every role, contacts with custom fields,
 * conversations in every channel and status, notes, assignments, labels, canned replies, a published sequence
 * with running enrollments and a quote.
 *
 * Everything a user could do goes through the running API over HTTP, as the web app would: sign-up, invitations
 * accepted with a password, contacts, inbound messages (the fake provider's "simulate a reply"), replies and
 * scheduled sends (real workflows), notes, assignments, the sequence and its enrollments, the quote. Only the
 * past — messages days old with their final statuses — is written straight into the threads
 * (prisma/queries/seed/write-history.ts): history to read, nothing that sends.
 *
 * Seeding again replaces the demo: the tenants the demo accounts own are deleted as DELETE /api/tenant does
 * (their leftover runs end when they find their rows gone), the accounts too, and the demo is made afresh
 * with new passwords.
 */
import { randomBytes } from 'node:crypto';
import type { Channel } from '../../domain/channels';
import type { Role } from '../../domain/roles';
import { createPrismaClient, createSystemPrismaClient } from '../../prisma/client';
import { removeDemoAccounts } from '../../prisma/queries/seed/demo-accounts';
import { writeHistory, type HistoricalMessage } from '../../prisma/queries/seed/write-history';
import { forTenant } from '../../prisma/tenant-scope';

export const DEMO_BUSINESS = 'Harbor Plumbing & Heating';
const DOMAIN = 'harbor-plumbing.example';

export interface DemoUser {
  role: Role;
  name: string;
  email: string;
  password: string;
}

export const DEMO_PEOPLE: ReadonlyArray<Omit<DemoUser, 'password'>> = [
  { role: 'owner', name: 'Olivia Owens', email: `owner@${DOMAIN}` },
  { role: 'admin', name: 'Adam Adeyemi', email: `admin@${DOMAIN}` },
  { role: 'agent', name: 'Aisha Khan', email: `agent@${DOMAIN}` },
  { role: 'viewer', name: 'Victor Lindqvist', email: `viewer@${DOMAIN}` },
];

export interface DemoSeedResult {
  tenantId: string;
  users: DemoUser[];
  /** Tenants of an earlier demo that were removed first. */
  replacedTenantIds: string[];
  sequenceId: string;
  enrollments: Array<{ id: string; workflowId: string | null }>;
  quoteId: string;
  /** Messages the seed sent or scheduled through the API, with the status each had when created. */
  liveMessages: Array<{ id: string; status: string; channel: Channel }>;
}

export interface DemoSeedOptions {
  databaseUrl: string;
  /** The running API, e.g. http://127.0.0.1:4000 (no /api). */
  apiUrl: string;
  /** The web app's URL: changes made with a session must come from its origin (CSRF). */
  appUrl: string;
  /** Fixed passwords (tests); made up at random when omitted. */
  passwords?: Partial<Record<Role, string>>;
}

class DemoApiError extends Error {}

/** A signed-in person talking to the API as the web app does (cookie and the app's Origin). */
function apiClient(apiUrl: string, appUrl: string) {
  const origin = new URL(appUrl).origin;
  return async function call<T = any>(method: string, path: string, options: { cookie?: string; body?: unknown } = {}): Promise<{ body: T; cookie: string }> {
    const res = await fetch(`${apiUrl}/api${path}`, {
      method,
      headers: {
        Origin: origin,
        ...(options.cookie ? { Cookie: options.cookie } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await res.text();
    const body = text ? JSON.parse(text) : null;
    if (!res.ok) {
      throw new DemoApiError(`${method} /api${path} answered ${res.status}: ${body?.error?.message ?? text.slice(0, 300)}`);
    }
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .filter((pair) => !pair.endsWith('='))
      .join('; ');
    return { body: body as T, cookie };
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface DemoContact {
  key: string;
  firstName: string;
  lastName: string;
  phone?: string;
  email?: string;
  timeZone?: string;
  customProperties: Record<string, string | number | boolean>;
  /** The pipeline stage (one of the default set) the demo puts the contact in. */
  stage: string;
}

/** The tenant's custom fields: the demo contacts' values of these keys are checked against them. */
const CUSTOM_FIELDS = [
  { key: 'plan', label: 'Cover plan', type: 'select', options: ['Gold cover', 'Silver cover', 'Bronze cover'] },
  { key: 'boiler', label: 'Boiler', type: 'text' },
  { key: 'lastService', label: 'Last service', type: 'date' },
  { key: 'radiators', label: 'Radiators', type: 'number' },
];

const CONTACTS: DemoContact[] = [
  { key: 'maya', firstName: 'Maya', lastName: 'Patel', phone: '+447700900101', email: 'maya.patel@example.com', timeZone: 'Europe/London', customProperties: { boiler: 'Worcester Greenstar 30i', plan: 'Gold cover', lastService: '2025-10-14' }, stage: 'Won' },
  { key: 'tom', firstName: 'Tom', lastName: 'Becker', phone: '+447700900102', timeZone: 'Europe/Berlin', customProperties: { property: 'Rental flat', landlord: true }, stage: 'Qualified' },
  { key: 'priya', firstName: 'Priya', lastName: 'Shah', phone: '+442079460103', email: 'priya@shah-dental.example', customProperties: { company: 'Shah Dental', accountNumber: 'HP-1043' }, stage: 'Won' },
  { key: 'jonas', firstName: 'Jonas', lastName: 'Eriksen', email: 'jonas.eriksen@example.net', timeZone: 'Europe/Oslo', customProperties: { preferredContact: 'email' }, stage: 'Contacted' },
  { key: 'grace', firstName: 'Grace', lastName: 'Okafor', phone: '+447700900105', email: 'grace.okafor@example.com', customProperties: { plan: 'Silver cover', radiators: 9 }, stage: 'Won' },
  { key: 'sam', firstName: 'Sam', lastName: 'Rivera', phone: '+447700900106', customProperties: { source: 'Google Ads', postcode: 'BS1 4DJ' }, stage: 'New' },
  { key: 'elena', firstName: 'Elena', lastName: 'Rossi', phone: '+447700900107', email: 'elena.rossi@example.com', timeZone: 'Europe/Rome', customProperties: { project: 'Kitchen radiators' }, stage: 'Qualified' },
  { key: 'kofi', firstName: 'Kofi', lastName: 'Mensah', phone: '+447700900108', customProperties: { plan: 'Gold cover', boiler: 'Vaillant ecoTEC plus' }, stage: 'Won' },
  { key: 'nadia', firstName: 'Nadia', lastName: 'Haddad', phone: '+447700900109', email: 'nadia.haddad@example.com', customProperties: { source: 'Referral' }, stage: 'New' },
];

/** The past, relative to now: conversations that ended in every status a message can end in. */
function history(ids: Record<string, string>, now: number): HistoricalMessage[] {
  const at = (daysAgo: number, minutes = 0) => new Date(now - daysAgo * DAY + minutes * MINUTE);
  const m = (key: string, channel: Channel, direction: 'inbound' | 'outbound', status: HistoricalMessage['status'], when: Date, body: string, extra: Partial<HistoricalMessage> = {}): HistoricalMessage => ({
    contactId: ids[key]!,
    channel,
    direction,
    status,
    at: when,
    body,
    ...extra,
  });
  return [
    m('maya', 'sms', 'inbound', 'received', at(6), 'Hi, the boiler is making a banging noise again when the heating comes on.'),
    m('maya', 'sms', 'outbound', 'delivered', at(6, 12), 'Sorry to hear that, Maya. We can come Thursday between 8 and 12 — does that suit?'),
    m('maya', 'sms', 'inbound', 'received', at(6, 40), 'Thursday works, thank you!'),
    m('maya', 'sms', 'outbound', 'delivered', at(6, 45), 'Booked. Aisha will be with you on Thursday morning.'),
    m('maya', 'email', 'outbound', 'delivered', at(3), 'Hi Maya,\n\nAttached is the report from Thursday’s visit: the pump was replaced and the system bled.\n\nHarbor Plumbing & Heating', { subject: 'Your service report' }),
    m('tom', 'whatsapp', 'outbound', 'read', at(4), 'Hi Tom, here is the quote for the shower valve we talked about: £180 including parts.', { origin: 'agent' }),
    m('tom', 'whatsapp', 'inbound', 'received', at(4, 30), 'Thanks. Can you do it before the new tenant moves in on the 1st?'),
    m('tom', 'whatsapp', 'outbound', 'read', at(4, 50), 'Yes — we have a slot on the 28th.'),
    m('priya', 'sms', 'outbound', 'failed', at(5), 'Hi Priya, a reminder that the surgery’s gas safety check is due next week.', { errorCode: '30006', origin: 'api' }),
    m('priya', 'email', 'outbound', 'delivered', at(5, 20), 'Hi Priya,\n\nWe could not reach your landline by text, so here it is by email: the gas safety check is due next week.', { subject: 'Gas safety check due', origin: 'api' }),
    m('priya', 'email', 'inbound', 'received', at(4), 'Next Tuesday at 7am before we open would be ideal.', { subject: 'Re: Gas safety check due' }),
    m('jonas', 'email', 'inbound', 'received', at(9), 'Hello, I think invoice 1043 charged the call-out twice. Could you check?', { subject: 'Invoice 1043' }),
    m('jonas', 'email', 'outbound', 'delivered', at(8), 'Hi Jonas,\n\nYou are right — we have refunded the second call-out charge. Sorry about that.', { subject: 'Re: Invoice 1043' }),
    m('jonas', 'email', 'outbound', 'sent', at(2), 'Hi Jonas,\n\nThe refund should reach your card within 5 working days.', { subject: 'Re: Invoice 1043' }),
    m('grace', 'whatsapp', 'outbound', 'undelivered', at(7), 'Hi Grace, your annual radiator service is due. Shall we book it?', { errorCode: '63024', origin: 'api' }),
    m('grace', 'sms', 'outbound', 'delivered', at(7, 30), 'Hi Grace, your annual radiator service is due. Reply with a day that suits you.', { origin: 'api' }),
    m('sam', 'sms', 'inbound', 'received', at(3), 'Do you fix leaking outside taps? Found you on Google.'),
    m('sam', 'sms', 'outbound', 'delivered', at(3, 5), 'We do! Could you send a photo of the tap?'),
    m('sam', 'sms', 'outbound', 'cancelled', at(2), 'Just checking in — did you manage to take that photo?'),
    m('elena', 'sms', 'outbound', 'delivered', at(10), 'Hi Elena, thanks for your enquiry about the kitchen radiators. We will send a quote shortly.', { origin: 'api' }),
    m('elena', 'sms', 'inbound', 'received', at(10, 15), 'Great, thanks!'),
  ];
}

/** Runs the whole demo against a running API (and its worker); answers who can sign in and what was made. */
export async function seedDemo(options: DemoSeedOptions): Promise<DemoSeedResult> {
  const call = apiClient(options.apiUrl.replace(/\/$/, ''), options.appUrl);
  const app = createPrismaClient(options.databaseUrl, { maxConnections: 2 });
  // The demo accounts, and the tenants they own, are found and removed across tenants.
  const system = createSystemPrismaClient(options.databaseUrl, { maxConnections: 2 });
  try {
    const users: DemoUser[] = DEMO_PEOPLE.map((p) => ({ ...p, password: options.passwords?.[p.role] ?? `demo-${randomBytes(9).toString('base64url')}` }));
    const replacedTenantIds = await removeDemoAccounts(system, users.map((u) => u.email));

    // People: the owner signs up, the others accept invitations — the product's own ways in.
    const [owner, ...invited] = users as [DemoUser, ...DemoUser[]];
    const signUp = await call<{ tenant: { id: string } }>('POST', '/signup', {
      body: { name: owner.name, email: owner.email, password: owner.password, businessName: DEMO_BUSINESS, timeZone: 'Europe/London' },
    });
    const tenantId = signUp.body.tenant.id;
    const cookies: Partial<Record<Role, string>> = { owner: signUp.cookie };
    for (const person of invited) {
      const { body } = await call<{ invitation: { id: string } }>('POST', '/invitations', { cookie: cookies.owner!, body: { email: person.email, role: person.role } });
      const accepted = await call('POST', `/invitations/${body.invitation.id}/accept`, { body: { name: person.name, password: person.password } });
      cookies[person.role] = accepted.cookie;
    }
    const as = (role: Role) => ({ cookie: cookies[role]! });
    const { body: memberList } = await call<{ members: Array<{ id: string; role: Role }> }>('GET', '/members', as('owner'));
    const memberId = (role: Role) => memberList.members.find((m) => m.role === role)!.id;

    // Contacts with custom fields (defined first, so their values are checked), each in a stage of the pipeline
    // every tenant starts with — moved there by the agent, so each contact's timeline shows who moved it.
    for (const field of CUSTOM_FIELDS) await call('POST', '/custom-fields', { ...as('admin'), body: field });
    const { body: pipeline } = await call<{ stages: Array<{ id: string; name: string }> }>('GET', '/pipeline-stages', as('agent'));
    const ids: Record<string, string> = {};
    for (const { key, stage, ...contact } of CONTACTS) {
      const { body } = await call<{ contact: { id: string } }>('POST', '/contacts', { ...as('admin'), body: { ...contact, source: 'demo' } });
      ids[key] = body.contact.id;
      const stageId = pipeline.stages.find((s) => s.name === stage)?.id;
      if (!stageId) throw new DemoApiError(`the demo stage ${stage} is missing`);
      await call('POST', `/contacts/${body.contact.id}/stage`, { ...as('agent'), body: { stageId } });
    }

    // Companies, projects and who is tied to them — the recruiting case too: Nadia works for a builder the business
    // does jobs for (client) and is looking for a job herself (candidate).
    const company = async (name: string, domain?: string) =>
      (await call<{ company: { id: string } }>('POST', '/companies', { ...as('agent'), body: { name, ...(domain ? { domain } : {}) } })).body.company.id;
    const shahDental = await company('Shah Dental', 'shah-dental.example');
    const beckerLettings = await company('Becker Lettings');
    const harbourBuilders = await company('Harbour Builders', 'harbour-builders.example');
    const project = async (body: object) => (await call<{ project: { id: string } }>('POST', '/projects', { ...as('agent'), body })).body.project.id;
    const surgeryBoiler = await project({ name: 'Surgery boiler replacement', kind: 'opportunity', companyId: shahDental, value: 3800, currency: 'GBP' });
    await project({ name: 'Three flats: annual gas safety checks', kind: 'opportunity', companyId: beckerLettings, value: 540, currency: 'GBP', status: 'won' });
    const apprentice = await project({ name: 'Apprentice plumber', kind: 'position' });
    const tie = (key: string, body: object) => call('POST', '/relationships', { ...as('agent'), body: { contactId: ids[key], ...body } });
    await tie('priya', { companyId: shahDental, roles: ['client'], title: 'Practice owner' });
    await tie('priya', { projectId: surgeryBoiler, roles: ['client'] });
    await tie('tom', { companyId: beckerLettings, roles: ['client'], title: 'Landlord' });
    await tie('sam', { projectId: apprentice, roles: ['candidate'] });
    await tie('nadia', { companyId: harbourBuilders, roles: ['client', 'candidate'], title: 'Site manager' });

    // The past.
    await writeHistory(forTenant(app, tenantId), history(ids, Date.now()));

    // Now: replies coming in (the fake provider's "simulate a reply", through the inbound path).
    const inbound = async (key: string, channel: Channel, body: string, subject?: string) => {
      const contact = CONTACTS.find((c) => c.key === key)!;
      await call('POST', '/fake/inbound', { ...as('agent'), body: { channel, from: channel === 'email' ? contact.email : contact.phone, body, ...(subject ? { subject } : {}) } });
    };
    await inbound('tom', 'whatsapp', 'Morning! Is the 28th still on? The tenant moves in on the 1st.');
    await inbound('maya', 'sms', 'Also, could you look at the kitchen tap while you are here next time? It drips.');
    await inbound('jonas', 'email', 'Thanks — the refund arrived. All good now.', 'Re: Invoice 1043');
    await inbound('sam', 'sms', 'Sorry for the delay, here is the tap. It leaks at the joint.');

    const { body: list } = await call<{ threads: Array<{ id: string; channel: Channel; contact: { id: string } }> }>('GET', '/threads?limit=100', as('owner'));
    const thread = (key: string, channel: Channel) => {
      const found = list.threads.find((t) => t.contact.id === ids[key] && t.channel === channel);
      if (!found) throw new DemoApiError(`the demo thread of ${key} on ${channel} is missing`);
      return found.id;
    };

    // Replies and scheduled sends: each a workflow, as the composer makes them.
    const liveMessages: DemoSeedResult['liveMessages'] = [];
    const send = async (role: Role, threadId: string, body: Record<string, unknown>) => {
      const { body: sent } = await call<{ message: { id: string; status: string; channel: Channel } }>('POST', `/threads/${threadId}/messages`, { ...as(role), body });
      liveMessages.push({ id: sent.message.id, status: sent.message.status, channel: sent.message.channel });
      return sent.message;
    };
    const tomorrowMorning = new Date(Date.now() + DAY);
    tomorrowMorning.setUTCHours(9, 0, 0, 0);
    await send('agent', thread('tom', 'whatsapp'), { body: 'Yes, the 28th is still on — see you at 9.' });
    await send('agent', thread('maya', 'sms'), { body: 'Reminder: Aisha will look at the tap on her visit tomorrow between 8 and 12.', sendAt: tomorrowMorning.toISOString() });
    await send('admin', thread('priya', 'email'), { body: 'Hi Priya,\n\nConfirming the gas safety check on Tuesday at 7am.', subject: 'Gas safety check: Tuesday 7am', sendAt: new Date(Date.now() + 3 * DAY).toISOString() });
    const withdrawn = await send('agent', thread('sam', 'sms'), { body: 'We will send you a price for the tap by tomorrow.', sendAt: new Date(Date.now() + 2 * DAY).toISOString() });
    await call('POST', `/messages/${withdrawn.id}/cancel`, as('agent'));
    await send('agent', thread('sam', 'sms'), { body: 'Thanks for the photo — a new washer should fix it. £65 all in; shall we book you in?' });

    // Who works what, what it is about, and what is worth knowing.
    await call('POST', `/threads/${thread('maya', 'sms')}/assign`, { ...as('admin'), body: { userId: memberId('agent') } });
    await call('POST', `/threads/${thread('tom', 'whatsapp')}/assign`, { ...as('admin'), body: { userId: memberId('agent') } });
    await call('POST', `/threads/${thread('jonas', 'email')}/assign`, { ...as('admin'), body: { userId: memberId('admin') } });
    await call('POST', `/threads/${thread('priya', 'email')}/assign`, { ...as('admin'), body: { userId: memberId('owner') } });
    await call('PUT', `/threads/${thread('maya', 'sms')}/labels`, { ...as('agent'), body: { labels: ['boiler', 'vip'] } });
    await call('PUT', `/threads/${thread('jonas', 'email')}/labels`, { ...as('admin'), body: { labels: ['billing'] } });
    await call('PUT', `/threads/${thread('sam', 'sms')}/labels`, { ...as('agent'), body: { labels: ['new lead', 'urgent'] } });
    await call('POST', `/threads/${thread('maya', 'sms')}/notes`, {
      ...as('agent'),
      body: { body: 'Prefers mornings. Dog in the back garden — ring before going round the side.', visibility: 'private' },
    });
    await call('POST', `/threads/${thread('jonas', 'email')}/notes`, { ...as('admin'), body: { body: 'Refund of £85 issued for the duplicate call-out (invoice 1043).', visibility: 'public' } });
    await call('POST', `/threads/${thread('tom', 'whatsapp')}/notes`, { ...as('owner'), body: { body: 'Landlord with three flats — worth a maintenance plan offer.', visibility: 'private' } });
    await call('POST', `/threads/${thread('jonas', 'email')}/close`, as('admin'));
    await call('POST', `/threads/${thread('grace', 'sms')}/snooze`, { ...as('agent'), body: { until: new Date(Date.now() + 2 * DAY).toISOString() } });
    // Unread state differs per person: the agent has caught up on Tom, nobody has read Maya's new message.
    await call('POST', `/threads/${thread('tom', 'whatsapp')}/read`, as('agent'));
    await call('POST', `/threads/${thread('elena', 'sms')}/read`, as('owner'));

    for (const reply of [
      { shortcut: 'thanks', body: 'Thanks for getting in touch! An engineer will call you back within the hour.' },
      { shortcut: 'booking', body: 'We can come round on Tuesday between 8 and 12. Does that suit you?' },
    ]) {
      await call('POST', '/canned-replies', { ...as('admin'), body: reply });
    }

    // A published sequence with running enrollments (each a workflow waiting for its next step).
    const { body: created } = await call<{ sequence: { id: string } }>('POST', '/sequences', {
      ...as('admin'),
      body: {
        name: 'Annual service reminder',
        publish: true,
        settings: { stopOnReply: true, sendWindow: 'tenant' },
        steps: [
          { channel: 'sms', waitAmount: 0, waitUnit: 'minutes', body: 'Hi {{first_name}}, your annual boiler service with Harbor Plumbing is due. Reply with a day that suits you.' },
          { channel: 'sms', waitAmount: 3, waitUnit: 'days', body: 'Hi {{first_name}}, just a nudge about your boiler service — we have slots next week.' },
          { channel: 'email', waitAmount: 5, waitUnit: 'business_days', subject: 'Your annual boiler service', body: 'Hi {{first_name}},\n\nA yearly service keeps your boiler safe and your warranty valid. Reply to book a visit.' },
        ],
      },
    });
    const enrollments: DemoSeedResult['enrollments'] = [];
    for (const key of ['kofi', 'nadia', 'grace']) {
      const { body } = await call<{ enrollment: { id: string; workflowId: string | null } }>('POST', `/sequences/${created.sequence.id}/enrollments`, { ...as('admin'), body: { contactId: ids[key] } });
      enrollments.push({ id: body.enrollment.id, workflowId: body.enrollment.workflowId });
    }

    // A quote, texted to the contact by its workflow.
    const { body: quote } = await call<{ quote: { id: string } }>('POST', '/quotes', {
      ...as('agent'),
      body: { contactId: ids.elena, title: 'Replace three kitchen radiators and valves', total: 1240.5, currency: 'GBP', expiresAt: new Date(Date.now() + 14 * DAY).toISOString() },
    });

    return { tenantId, users, replacedTenantIds, sequenceId: created.sequence.id, enrollments, quoteId: quote.quote.id, liveMessages };
  } finally {
    await Promise.all([app.$disconnect(), system.$disconnect()]);
  }
}
