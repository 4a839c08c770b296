import type http from 'node:http';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { z } from 'zod';
import { ContactListAnswerSchema } from '../../domain/schemas/contact';
import {
  BulkEnrollmentAnswerSchema,
  EnrollmentAnswerSchema,
  EnrollmentListAnswerSchema,
  SequenceAnswerSchema,
  SequenceListAnswerSchema,
  SequencePreviewAnswerSchema,
} from '../../domain/schemas/sequence';
import { TemplateListAnswerSchema, TemplateViewSchema } from '../../domain/schemas/template';
import { scheduleSteps } from '../../domain/sequence-schedule';
import type { Screen } from './api-stand-in';
import { json, type RecordedRequest } from './local-http-server';

/*
 * The sequence screens' share of the API stand-in (test/harness/api-stand-in.ts): a tenant with three
 * sequences — one live with a draft waiting, one published, one never published — their enrollments, and a
 * schedule preview worked out by the domain's own schedule code. Each answer is checked against its route's
 * schema before it goes out.
 */
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const TEMPORAL = 'http://localhost:8233/namespaces/default';
const stats = (s: Partial<Record<'active' | 'paused' | 'completed' | 'stopped' | 'failed' | 'replied', number>>) => {
  const full = { active: 0, paused: 0, completed: 0, stopped: 0, failed: 0, replied: 0, ...s };
  const total = full.active + full.paused + full.completed + full.stopped + full.failed;
  return { ...full, total, replyRate: total ? full.replied / total : null };
};
const settings = { stopOnReply: true, sendWindow: 'tenant', missingChannel: 'skip', reenroll: 'after-end' } as const;

// Steps that name no approved WhatsApp template of their own.
const noApproved = { approvedTemplateId: null, approvedContentSid: null } as const;
const leadSteps = [
  { position: 0, channel: 'sms', waitAmount: 0, waitUnit: 'minutes', templateId: null, subject: null, body: 'Hi {{first_name|there}}, thanks for contacting {{business_name}}! When would suit you for a free survey?', ...noApproved },
  {
    position: 1,
    channel: 'email',
    waitAmount: 2,
    waitUnit: 'business_days',
    templateId: null,
    subject: 'Your boiler options, {{first_name}}',
    body: 'Hi {{first_name}},\n\nHere are the three options we talked about for {{custom.property}}. Reply with any questions.\n\n{{business_name}}',
    ...noApproved,
  },
  { position: 2, channel: 'whatsapp', waitAmount: 3, waitUnit: 'days', templateId: 'tpl_3', subject: null, body: null, ...noApproved },
] as const;
// A WhatsApp step in the contact's words, with the approved template that goes once their window has closed.
const whatsappTextStep = {
  position: 2,
  channel: 'whatsapp',
  waitAmount: 2,
  waitUnit: 'days',
  templateId: null,
  subject: null,
  body: 'Hi {{first_name}}, just checking you got our quote. Any questions, reply here.',
  approvedTemplateId: 'tpl_3',
  approvedContentSid: null,
} as const;
type StandInStep = (typeof leadSteps)[number] | typeof whatsappTextStep;
const version = (id: string, n: number, publishedAt: string | null, steps: readonly StandInStep[]) => ({ id, version: n, publishedAt, settings, steps: [...steps] });

const leads = {
  id: 'seq_1',
  name: 'New website leads',
  createdAt: minutesAgo(60 * 24 * 40),
  updatedAt: minutesAgo(60 * 3),
  published: version('sqv_2', 2, minutesAgo(60 * 24 * 12), leadSteps),
  draft: version('sqv_3', 3, null, leadSteps),
  versions: [
    { id: 'sqv_3', version: 3, publishedAt: null, stats: stats({}) },
    { id: 'sqv_2', version: 2, publishedAt: minutesAgo(60 * 24 * 12), stats: stats({ active: 14, paused: 2, completed: 11, stopped: 6, replied: 12 }) },
    { id: 'sqv_1', version: 1, publishedAt: minutesAgo(60 * 24 * 39), stats: stats({ active: 4, completed: 30, stopped: 3, failed: 1, replied: 11 }) },
  ],
  stats: stats({ active: 18, paused: 2, completed: 41, stopped: 9, failed: 1, replied: 23 }),
  temporalRunsUrl: `${TEMPORAL}/workflows?query=${encodeURIComponent('SequenceId="seq_1"')}`,
};
const reminders = {
  ...leads,
  id: 'seq_2',
  name: 'Annual service reminders',
  published: version('sqv_21', 1, minutesAgo(60 * 24 * 90), [leadSteps[0]]),
  draft: null,
  versions: [{ id: 'sqv_21', version: 1, publishedAt: minutesAgo(60 * 24 * 90), stats: stats({ active: 52, completed: 210, stopped: 12, replied: 61 }) }],
  stats: stats({ active: 52, completed: 210, stopped: 12, replied: 61 }),
  temporalRunsUrl: `${TEMPORAL}/workflows?query=${encodeURIComponent('SequenceId="seq_2"')}`,
};
const quotes = {
  ...leads,
  id: 'seq_3',
  name: 'Quote follow-up (new)',
  published: null,
  draft: version('sqv_31', 1, null, [leadSteps[0], leadSteps[1], whatsappTextStep]),
  versions: [{ id: 'sqv_31', version: 1, publishedAt: null, stats: stats({}) }],
  stats: stats({}),
  temporalRunsUrl: `${TEMPORAL}/workflows?query=${encodeURIComponent('SequenceId="seq_3"')}`,
};

const contact = (id: string, firstName: string, lastName: string, extra: Record<string, unknown> = {}) => ({
  id,
  firstName,
  lastName,
  phone: `+447700900${String(100 + Number(id.replace(/\D/g, '')))}`,
  email: `${firstName.toLowerCase()}@example.test`,
  timeZone: null,
  customProperties: {},
  consent: { sms: 'granted', whatsapp: 'granted', email: 'unknown' },
  source: 'website',
  stageId: null,
  stageChangedAt: null,
  createdAt: minutesAgo(60 * 24 * 20),
  updatedAt: minutesAgo(60 * 24 * 2),
  ...extra,
});
const contacts = [
  contact('ctc_t1', 'Grace', 'Hopper', { timeZone: 'America/New_York', customProperties: { property: 'Flat 4, 12 Harbour Road', boiler: 'Worcester Greenstar 30i' } }),
  contact('ctc_t2', 'Alan', 'Turing'),
  contact('ctc_t3', 'Katherine', 'Johnson'),
  contact('ctc_t5', 'Margaret', 'Hamilton'),
  contact('ctc_t6', 'Linus', 'Torvalds'),
];

const templates = [
  { id: 'tpl_1', name: 'Booking confirmed', channel: 'sms', subject: null, body: 'Hi {{first_name}}, your visit is booked.', contentSid: null, createdAt: minutesAgo(9000), updatedAt: minutesAgo(9000) },
  {
    id: 'tpl_3',
    name: 'Service reminder',
    channel: 'whatsapp',
    subject: null,
    body: 'Hi {{first_name}}, your {{custom.boiler}} is due its annual service (last one: {{custom.last_service}}). Reply with a day that suits you.',
    contentSid: 'HX0123456789abcdef0123456789abcdef',
    createdAt: minutesAgo(9000),
    updatedAt: minutesAgo(9000),
  },
];

/** Grace's schedule if enrolled next Friday at 23:30 in New York (quiet hours 21:00–08:00): both kinds of move show. */
function preview() {
  const timeZone = 'America/New_York';
  const start = DateTime.now().setZone(timeZone).plus({ weeks: 1 }).set({ weekday: 5, hour: 23, minute: 30, second: 0, millisecond: 0 }).toJSDate();
  const quietHours = { startMinute: 21 * 60, endMinute: 8 * 60 };
  const times = scheduleSteps(start, leadSteps.map((s) => ({ waitAmount: s.waitAmount, waitUnit: s.waitUnit })), { timeZone, quietHours });
  const rendered = [
    { subject: null, body: 'Hi Grace, thanks for contacting Acme Plumbing! When would suit you for a free survey?', problems: [] },
    { subject: 'Your boiler options, Grace', body: 'Hi Grace,\n\nHere are the three options we talked about for Flat 4, 12 Harbour Road. Reply with any questions.\n\nAcme Plumbing', problems: [] },
    { subject: null, body: null, problems: [{ code: 'missing_value', token: '{{custom.last_service}}', message: 'the contact has no value for "custom.last_service"' }] },
  ];
  return {
    preview: {
      sequenceId: 'seq_1',
      versionId: 'sqv_3',
      version: 3,
      published: false,
      contactId: 'ctc_t1',
      timeZone,
      quietHours,
      start: start.toISOString(),
      steps: leadSteps.map((s, i) => ({
        position: s.position,
        channel: s.channel,
        wait: { amount: s.waitAmount, unit: s.waitUnit },
        fireAt: times[i]!.at.toISOString(),
        reasons: times[i]!.reasons,
        outcome: 'send',
        note: null,
        ...rendered[i]!,
      })),
    },
  };
}

const enrollment = (n: number, contactId: string, contactName: string | null, status: string, extra: Record<string, unknown> = {}) => ({
  id: `enr_${n}`,
  sequenceId: 'seq_1',
  versionId: 'sqv_2',
  contactId,
  contactName,
  status,
  currentStep: 1,
  nextSendAt: status === 'active' || status === 'paused' ? inMinutes(60 * 20 + n * 37) : null,
  stopReason: null,
  startedAt: minutesAgo(60 * 24 * 2 + n * 90),
  endedAt: status === 'active' || status === 'paused' ? null : minutesAgo(60 * 5 + n),
  pausedAt: status === 'paused' ? minutesAgo(60) : null,
  bulkEnrollmentId: null,
  workflowId: `enrollment:ten_1:seq_1:${contactId}`,
  temporalUrl: `${TEMPORAL}/workflows/${encodeURIComponent(`enrollment:ten_1:seq_1:${contactId}`)}`,
  ...extra,
});
const enrollments = {
  enrollments: [
    enrollment(1, 'ctc_t1', 'Grace Hopper', 'active', { currentStep: 1 }),
    enrollment(2, 'ctc_t2', 'Alan Turing', 'paused', { currentStep: 2 }),
    enrollment(3, 'ctc_t3', 'Katherine Johnson', 'active', { currentStep: 0, versionId: 'sqv_1' }),
    enrollment(4, 'ctc_t5', 'Margaret Hamilton', 'stopped', { stopReason: 'replied', currentStep: 1 }),
    enrollment(5, 'ctc_t6', 'Linus Torvalds', 'completed', { currentStep: 3, versionId: 'sqv_1' }),
    enrollment(6, 'ctc_t7', null, 'stopped', { stopReason: 'opted_out', currentStep: 0 }),
    enrollment(7, 'ctc_t8', 'Barbara Liskov', 'failed', { stopReason: 'send_failed', currentStep: 1 }),
  ],
  nextCursor: null,
};
const bulk = {
  bulkEnrollment: {
    id: 'bke_1',
    sequenceId: 'seq_1',
    status: 'running',
    criteria: { filter: { source: 'website' } },
    total: 240,
    enrolled: 131,
    skipped: 19,
    remaining: 90,
    error: null,
    createdAt: minutesAgo(1),
    finishedAt: null,
    workflowId: 'bulk-enrollment:ten_1:bke_1',
    temporalUrl: `${TEMPORAL}/workflows/${encodeURIComponent('bulk-enrollment:ten_1:bke_1')}`,
  },
};

/** Answers the sequence routes; false when the request is not one of them. */
export function sequenceDemoApi(req: RecordedRequest, res: http.ServerResponse): boolean {
  const p = req.path.split('?')[0];
  const send = <S extends z.ZodType>(status: number, schema: S, body: unknown) => (json(res, status, schema.parse(body)), true);
  const one = { seq_1: leads, seq_2: reminders, seq_3: quotes }[p?.match(/^\/api\/sequences\/(seq_\d)$/)?.[1] ?? ''];
  if (p === '/api/sequences' && req.method === 'GET') return send(200, SequenceListAnswerSchema, { sequences: [leads, reminders, quotes] });
  if (one && req.method === 'GET') return send(200, SequenceAnswerSchema, { sequence: one });
  if (p === '/api/sequences/seq_1/preview') return send(200, SequencePreviewAnswerSchema, preview());
  if (p === '/api/sequences/seq_1/enrollments/bulk') return send(202, BulkEnrollmentAnswerSchema, bulk);
  if (p === '/api/bulk-enrollments/bke_1') return send(200, BulkEnrollmentAnswerSchema, bulk);
  if (p === '/api/enrollments') return send(200, EnrollmentListAnswerSchema, enrollments);
  if (p?.startsWith('/api/enrollments/') && req.method === 'POST') {
    const id = p.split('/')[3];
    const e = enrollments.enrollments.find((x) => x.id === id) ?? enrollments.enrollments[0]!;
    return send(200, EnrollmentAnswerSchema, { enrollment: { ...e, status: p.endsWith('/pause') ? 'paused' : p.endsWith('/stop') ? 'stopped' : 'active' } });
  }
  if (p === '/api/templates') return send(200, TemplateListAnswerSchema, { templates });
  const template = templates.find((t) => p === `/api/templates/${t.id}`);
  if (template && req.method === 'GET') return send(200, z.object({ template: TemplateViewSchema }), { template });
  if (p === '/api/contacts') return send(200, ContactListAnswerSchema, { contacts, nextCursor: null });
  return false;
}

const isPhone = (page: Page) => (page.viewportSize()?.width ?? 1366) < 768;

export const SEQUENCE_SCREENS: Screen[] = [
  { name: 'sequences', path: '/sequences', prepare: (page) => page.getByTestId('sequence-row').first().waitFor() },
  {
    name: 'sequence-builder',
    path: '/sequences/seq_1',
    prepare: async (page) => {
      await page.getByTestId('step-card').first().waitFor();
      await page.getByLabel('Sample contact').click();
      await page.getByTestId('contact-option').first().click();
      await page.getByTestId('preview-step').first().waitFor();
      // On a phone the preview sits under the builder: show it.
      if (isPhone(page)) await page.getByTestId('schedule-preview').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'sequence-whatsapp-step',
    path: '/sequences/seq_3',
    prepare: async (page) => {
      const select = page.getByTestId('step-approved-template');
      await select.waitFor();
      await select.scrollIntoViewIfNeeded();
    },
  },
  { name: 'sequence-enrollments', path: '/sequences/seq_1/enrollments', prepare: (page) => page.getByTestId('enrollment-row').first().waitFor() },
  {
    name: 'sequence-enroll-progress',
    path: '/sequences/seq_1/enrollments',
    prepare: async (page) => {
      await page.getByTestId('enrollment-row').first().waitFor();
      await page.getByRole('button', { name: 'Enroll contacts' }).click();
      await page.getByRole('tab', { name: 'By filter' }).click();
      await page.getByLabel('Source').fill('website');
      await page.getByRole('button', { name: 'Enroll matching contacts' }).click();
      await page.getByTestId('bulk-progress').waitFor();
    },
  },
];
