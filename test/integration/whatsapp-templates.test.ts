import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { FakeProvider } from '../../providers/fake/fake-provider';
import { TwilioProvider } from '../../providers/twilio/twilio-provider';
import type { ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, startWorker, testApi, testPrisma, uniqueName, type RunningWorker } from '../harness/context';
import { devServer } from '../harness/dev-server';
import { startLocalServer } from '../harness/local-http-server';
import type { DevServer } from '../harness/suites';
import { messageCreates, twilioApi } from '../harness/twilio-api';

// An agent's approved WhatsApp template, from the composer to what Twilio receives: the named variables of the
// template's Herald text, in order of first appearance, are the approved content's {{1}}, {{2}}, … Real API,
// real worker on the Temporal dev server, real Postgres; WhatsApp through the Twilio SDK to a local server that
// speaks Twilio's API and renders the approved content as Twilio would.
Runtime.install({ logger: new DefaultLogger('WARN') });

const SID = `AC${'7'.repeat(32)}`;
const TOKEN = 'token-whatsapp-templates-0123';
const CONTENT_SID = `HX${'b'.repeat(32)}`;
const BODY = 'Hi {{first_name}}, your {{custom.service}} is booked for {{custom.day}}, {{first_name}}. Questions? {{support_contact}}';
// The approved content as it was submitted to WhatsApp: the same words, numbered by first appearance.
const APPROVED = 'Hi {{1}}, your {{2}} is booked for {{3}}, {{1}}. Questions? {{4}}';

let server: DevServer;
let prisma: AppPrisma;
let twilioServer: Awaited<ReturnType<typeof startLocalServer>>;
let worker: RunningWorker;
const taskQueue = uniqueName('wa-templates');

beforeAll(async () => {
  server = await devServer();
  prisma = testPrisma();
  twilioServer = await startLocalServer(twilioApi({ accountSid: SID, authToken: TOKEN, contentTemplates: { [CONTENT_SID]: APPROVED } }).reply);
  const fake = new FakeProvider();
  const whatsapp = new TwilioProvider({ accountSid: SID, authToken: TOKEN, whatsappFrom: '+14155238886', baseUrl: twilioServer.url, timeoutMs: 5000 });
  worker = await startWorker({ connection: server.nativeConnection, taskQueue, prisma, providers: { sms: fake, whatsapp, email: fake } });
});
afterAll(async () => {
  await worker?.stop();
  await twilioServer?.close();
  await server?.close();
  await prisma?.$disconnect();
});
beforeEach(() => {
  twilioServer.requests.length = 0;
});

/** A tenant with the approved template, and a contact who wrote by SMS (so WhatsApp's 24-hour window is closed). */
async function setup(contact: { firstName: string | null; customProperties: Record<string, string> }) {
  const t = await createTestTenant(prisma);
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  const as = (method: 'get' | 'post' | 'put' | 'delete', path: string) => request()[method](path).set(bearer(t.apiKey));
  const phone = `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;
  const inbound = await as('post', '/api/fake/inbound').send({ channel: 'sms', from: phone, body: 'Can you book me in?' });
  expect(inbound.status, JSON.stringify(inbound.body)).toBe(201);
  await t.db.contact.updateMany({ where: { id: inbound.body.contactId }, data: contact });
  const threadId = (await t.db.message.findFirstOrThrow({ where: { id: inbound.body.messageId } })).threadId!;
  const template = await as('post', '/api/templates').send({ name: 'Booking', channel: 'whatsapp', body: BODY, contentSid: CONTENT_SID });
  expect(template.status, JSON.stringify(template.body)).toBe(201);
  const compose = (body: Record<string, unknown>) => as('post', `/api/threads/${threadId}/messages`).send({ channel: 'whatsapp', templateId: template.body.template.id, ...body });
  /** The message's workflow ran to its end; what Twilio received for it. */
  const delivered = async (messageId: string, workflowId: string) => {
    const result = (await server.client.workflow.getHandle(workflowId).result()) as ScheduledMessageResult;
    expect(result.outcome).toBe('sent');
    const posts = messageCreates(twilioServer.requests);
    expect(posts).toHaveLength(1);
    const form = new URLSearchParams(posts[0]!.body);
    const row = await t.db.message.findFirstOrThrow({ where: { id: messageId } });
    return { form, row, contentVariables: JSON.parse(form.get('ContentVariables') ?? 'null') as unknown };
  };
  return { t, as, threadId, templateId: template.body.template.id as string, compose, delivered };
}

const outbound = (t: Awaited<ReturnType<typeof setup>>['t']) => t.db.message.count({ where: { direction: 'outbound' } });

describe('an approved WhatsApp template sent from the composer', () => {
  it('takes its numbered values from the contact when the agent gives none, and the inbox shows what Twilio renders', async () => {
    const s = await setup({ firstName: 'Ada', customProperties: { service: 'boiler service', day: 'Tuesday' } });
    const sent = await s.compose({});
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const { form, row, contentVariables } = await s.delivered(sent.body.message.id, sent.body.message.workflowId);
    expect(form.get('ContentSid')).toBe(CONTENT_SID);
    expect(contentVariables).toEqual({ 1: 'Ada', 2: 'boiler service', 3: 'Tuesday', 4: 'help@acme.test' });
    expect(row.body).toBe('Hi Ada, your boiler service is booked for Tuesday, Ada. Questions? help@acme.test');
    expect(row.templateVariables).toEqual(contentVariables);
  });

  it('sends the values the agent gave, and shows them in the inbox', async () => {
    const s = await setup({ firstName: 'Ada', customProperties: { service: 'boiler service', day: 'Tuesday' } });
    const variables = { 1: 'Ada', 2: 'gas safety check', 3: 'Friday 9 AM', 4: '0117 496 0000' };
    const sent = await s.compose({ variables });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const { row, contentVariables } = await s.delivered(sent.body.message.id, sent.body.message.workflowId);
    expect(contentVariables).toEqual(variables);
    expect(row.body).toBe('Hi Ada, your gas safety check is booked for Friday 9 AM, Ada. Questions? 0117 496 0000');
  });

  it('lets the agent fill in what the contact lacks; without it the send is refused, naming the variable', async () => {
    const s = await setup({ firstName: null, customProperties: { service: 'boiler service' } });
    const refused = await s.compose({});
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('TEMPLATE_INVALID');
    expect(refused.body.error.message).toMatch(/\{\{first_name\}\}/);
    expect(refused.body.error.message).toMatch(/\{\{custom\.day\}\}/);
    expect(await outbound(s.t)).toBe(0);

    const sent = await s.compose({ variables: { 1: 'Grace', 2: 'boiler service', 3: 'Monday', 4: 'help@acme.test' } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const { contentVariables, row } = await s.delivered(sent.body.message.id, sent.body.message.workflowId);
    expect(contentVariables).toEqual({ 1: 'Grace', 2: 'boiler service', 3: 'Monday', 4: 'help@acme.test' });
    expect(row.body).toBe('Hi Grace, your boiler service is booked for Monday, Grace. Questions? help@acme.test');
  });

  it.each([
    ['a number missing', { 1: 'Ada', 2: 'x', 4: 'y' }, /variables: \{\{3\}\} \(custom\.day\) has no value/],
    ['a number the template does not have', { 1: 'Ada', 2: 'x', 3: 'y', 4: 'z', 5: 'extra' }, /variables: \{\{5\}\} is not a variable of this template \(it has \{\{1\}\} to \{\{4\}\}\)/],
    ['a name instead of a number', { first_name: 'Ada', 2: 'x', 3: 'y', 4: 'z' }, /variables: "first_name" is not a variable of this template/],
    ['a blank value', { 1: 'Ada', 2: '   ', 3: 'y', 4: 'z' }, /variables: \{\{2\}\} \(custom\.service\) has no value/],
    ['a line break in a value', { 1: 'Ada', 2: 'boiler\nservice', 3: 'y', 4: 'z' }, /variables: \{\{2\}\} \(custom\.service\).*line breaks/],
  ])('refuses given values with %s (400, nothing written)', async (_what, variables, message) => {
    const s = await setup({ firstName: 'Ada', customProperties: { service: 'boiler service', day: 'Tuesday' } });
    const res = await s.compose({ variables });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.message).toMatch(message);
    expect(await outbound(s.t)).toBe(0);
    expect(messageCreates(twilioServer.requests)).toHaveLength(0);
  });

  it('the composer lists the numbered variables with their names and this contact’s values, null when missing', async () => {
    const s = await setup({ firstName: 'Ada', customProperties: { service: 'boiler service' } });
    await s.as('post', '/api/templates').send({ name: 'Plain SMS', channel: 'sms', body: 'Hi {{first_name}}' }).expect(201);
    const composer = await s.as('get', `/api/threads/${s.threadId}/composer`);
    expect(composer.status, JSON.stringify(composer.body)).toBe(200);
    const byName = Object.fromEntries(composer.body.templates.map((t: { name: string }) => [t.name, t]));
    expect(byName.Booking).toMatchObject({
      approvedWhatsApp: true,
      variables: [
        { number: '1', name: 'first_name', value: 'Ada' },
        { number: '2', name: 'custom.service', value: 'boiler service' },
        { number: '3', name: 'custom.day', value: null },
        { number: '4', name: 'support_contact', value: 'help@acme.test' },
      ],
    });
    expect(byName['Plain SMS']).toMatchObject({ approvedWhatsApp: false, variables: null });
  });
});

describe('a WhatsApp sequence step with an approved template for when the window is closed', () => {
  /** A published one-step WhatsApp sequence (inline text, the approved template beside it) and an enrolled contact. */
  async function enrolled(options: { wroteOnWhatsApp: boolean; stepTemplate?: 'inline' | 'approved' }) {
    const s = await setup({ firstName: 'Ada', customProperties: { service: 'boiler service', day: 'Tuesday' } });
    const contactId = (await s.t.db.message.findFirstOrThrow({ where: { threadId: s.threadId } })).contactId;
    if (options.wroteOnWhatsApp) await s.t.db.contact.updateMany({ where: { id: contactId }, data: { lastInboundWhatsappAt: new Date() } });
    const step =
      options.stepTemplate === 'approved'
        ? { templateId: s.templateId }
        : { body: 'Hi {{first_name}}, your {{custom.service}} is on {{custom.day}}. Reply here with questions.', approvedTemplateId: s.templateId };
    const sequence = await s
      .as('post', '/api/sequences')
      .send({ name: 'Booking reminder', publish: true, settings: { sendWindow: 'always' }, steps: [{ channel: 'whatsapp', waitAmount: 0, waitUnit: 'minutes', ...step }] });
    expect(sequence.status, JSON.stringify(sequence.body)).toBe(201);
    const enrollment = await s.as('post', `/api/sequences/${sequence.body.sequence.id}/enrollments`).send({ contactId });
    expect(enrollment.status, JSON.stringify(enrollment.body)).toBe(201);
    await server.client.workflow.getHandle(enrollment.body.enrollment.workflowId).result();
    // The step's own message workflow too: the send is its work.
    const stepMessage = await s.t.db.message.findFirstOrThrow({ where: { origin: 'sequence', contactId } });
    expect(((await server.client.workflow.getHandle(stepMessage.workflowId!).result()) as ScheduledMessageResult).outcome).toBe('sent');
    const row = await s.t.db.message.findFirstOrThrow({ where: { id: stepMessage.id } });
    const posts = messageCreates(twilioServer.requests);
    expect(posts).toHaveLength(1);
    return { s, sequence: sequence.body.sequence, form: new URLSearchParams(posts[0]!.body), row };
  }

  it('sends the approved template, filled for the contact, when the contact has not written on WhatsApp in 24 hours', async () => {
    const { form, row } = await enrolled({ wroteOnWhatsApp: false });
    expect(form.get('ContentSid')).toBe(CONTENT_SID);
    expect(JSON.parse(form.get('ContentVariables') ?? 'null')).toEqual({ 1: 'Ada', 2: 'boiler service', 3: 'Tuesday', 4: 'help@acme.test' });
    expect(form.get('Body')).toBeNull();
    // The inbox shows what the contact saw: the approved text, filled in.
    expect(row).toMatchObject({ templateSid: CONTENT_SID, body: 'Hi Ada, your boiler service is booked for Tuesday, Ada. Questions? help@acme.test' });
  });

  it('sends the step’s own text while the window is open', async () => {
    const { form, row, s } = await enrolled({ wroteOnWhatsApp: true });
    // The sequence needs the template: it cannot be deleted from under it.
    const deleted = await s.as('delete', `/api/templates/${s.templateId}`);
    expect(deleted.status).toBe(409);
    expect(deleted.body.error.details.sequences).toEqual(['Booking reminder']);
    expect(form.get('ContentSid')).toBeNull();
    expect(row).toMatchObject({ templateSid: null, templateVariables: null, templateOnlyWhenWindowClosed: false });
    expect(form.get('Body')).toBe('Hi Ada, your boiler service is on Tuesday. Reply here with questions.');
  });

  it('a step whose own template is approved is its own fallback', async () => {
    const { form, sequence } = await enrolled({ wroteOnWhatsApp: false, stepTemplate: 'approved' });
    expect(form.get('ContentSid')).toBe(CONTENT_SID);
    expect(sequence.published.steps[0]).toMatchObject({ templateId: expect.any(String), approvedTemplateId: null, approvedContentSid: CONTENT_SID });
  });

  it('refuses an approved template that is not one: another channel, no Content SID, or a step that is not WhatsApp', async () => {
    const s = await setup({ firstName: 'Ada', customProperties: {} });
    const sms = await s.as('post', '/api/templates').send({ name: 'Plain', channel: 'whatsapp', body: 'Hi {{first_name}}' }).expect(201);
    const create = (step: Record<string, unknown>) =>
      s.as('post', '/api/sequences').send({ name: `S ${Math.random()}`, publish: true, steps: [{ waitAmount: 0, waitUnit: 'minutes', ...step }] });
    const notApproved = await create({ channel: 'whatsapp', body: 'Hi', approvedTemplateId: sms.body.template.id });
    expect(notApproved.status, JSON.stringify(notApproved.body)).toBe(422);
    expect(notApproved.body.error.message).toMatch(/approvedTemplateId.*(Content SID|approved)/);
    const onSms = await create({ channel: 'sms', body: 'Hi', approvedTemplateId: s.templateId });
    expect(onSms.status).toBe(400);
    expect(JSON.stringify(onSms.body.error)).toMatch(/approvedTemplateId.*whatsapp/i);
    const missing = await create({ channel: 'whatsapp', body: 'Hi', approvedTemplateId: 'tpl_nope' });
    expect(missing.status).toBe(422);
  });
});

describe('a quote sent on WhatsApp', () => {
  const QUOTE_SID = `HX${'c'.repeat(32)}`;
  // The tenant's quote text, as approved by WhatsApp: {{1}} the name, {{2}} the total, {{3}} the link.
  const QUOTE_TEXT = 'Hi {{first_name}}, your quote for {{total}} is ready: {{short_url}}';

  async function quoted(options: { wroteOnWhatsApp: boolean; approved: boolean }) {
    const s = await setup({ firstName: 'Ada', customProperties: {} });
    const contactId = (await s.t.db.message.findFirstOrThrow({ where: { threadId: s.threadId } })).contactId;
    if (options.wroteOnWhatsApp) await s.t.db.contact.updateMany({ where: { id: contactId }, data: { lastInboundWhatsappAt: new Date() } });
    if (options.approved) {
      // The quote text is the approved content's Herald text: its named variables are {{1}}, {{2}}, {{3}}.
      const settings = await s.as('put', '/api/quote-settings').send({ messageTemplate: QUOTE_TEXT, whatsappContentSid: QUOTE_SID, followUpDays: 0 });
      expect(settings.status, JSON.stringify(settings.body)).toBe(200);
      expect(settings.body.quoteSettings).toMatchObject({ messageTemplate: QUOTE_TEXT, whatsappContentSid: QUOTE_SID, whatsappFollowUpContentSid: null });
    }
    const quote = await s.as('post', '/api/quotes').send({ contactId, total: 1250, currency: 'USD', channel: 'whatsapp' });
    expect(quote.status, JSON.stringify(quote.body)).toBe(201);
    expect(quote.body.quote.channel).toBe('whatsapp');
    await server.client.workflow.getHandle(quote.body.quote.workflowId).result();
    const row = await s.t.db.message.findFirstOrThrow({ where: { origin: 'quote', contactId } });
    return { s, quote: quote.body.quote, row, posts: messageCreates(twilioServer.requests) };
  }

  it('goes as the tenant’s approved quote template, filled in, when the contact has not written on WhatsApp in 24 hours', async () => {
    const { quote, row, posts } = await quoted({ wroteOnWhatsApp: false, approved: true });
    expect(posts).toHaveLength(1);
    const form = new URLSearchParams(posts[0]!.body);
    expect(form.get('ContentSid')).toBe(QUOTE_SID);
    // The link is the worker's (its public URL), to the quote's own page.
    const page = new URL(quote.shortUrl).pathname;
    const variables = JSON.parse(form.get('ContentVariables') ?? 'null') as Record<string, string>;
    expect(variables).toEqual({ 1: 'Ada', 2: '$1,250.00', 3: expect.stringMatching(new RegExp(`^https?://[^/]+${page}$`)) });
    expect(row).toMatchObject({ channel: 'whatsapp', status: 'sent', body: `Hi Ada, your quote for $1,250.00 is ready: ${variables[3]}` });
  });

  it('goes as the quote text while the window is open', async () => {
    const { quote, posts } = await quoted({ wroteOnWhatsApp: true, approved: true });
    const form = new URLSearchParams(posts[0]!.body);
    expect(form.get('ContentSid')).toBeNull();
    expect(form.get('Body')).toContain(new URL(quote.shortUrl).pathname);
  });

  it('without an approved template and a closed window, is not sent — and says why', async () => {
    const { row, posts, s, quote } = await quoted({ wroteOnWhatsApp: false, approved: false });
    expect(posts).toHaveLength(0);
    expect(row).toMatchObject({ status: 'failed', errorCode: 'WHATSAPP_WINDOW_CLOSED' });
    const event = await s.t.db.eventLog.findFirstOrThrow({ where: { subjectId: quote.id, type: 'quote.not_sent' } });
    expect(event.data).toMatchObject({ reason: 'WHATSAPP_WINDOW_CLOSED' });
  });

  it('refuses a Content SID that is not one, and quotes on email', async () => {
    const s = await setup({ firstName: 'Ada', customProperties: {} });
    const refused = await s.as('put', '/api/quote-settings').send({ whatsappFollowUpContentSid: 'HX123' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/Content SID/);
    const contactId = (await s.t.db.message.findFirstOrThrow({ where: { threadId: s.threadId } })).contactId;
    expect((await s.as('post', '/api/quotes').send({ contactId, total: 5, channel: 'email' })).status).toBe(400);
  });
});
