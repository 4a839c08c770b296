import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveContactFilter, type ResolvedContactFilter } from '../../domain/contact-filter';
import type { CustomFieldDefinition } from '../../domain/custom-fields';
import type { ContactFilter } from '../../domain/schemas/contact-filter';
import type { AppPrisma } from '../../prisma/client';
import { listContacts } from '../../prisma/queries/contacts/list-contacts';
import { createTestTenant, testPrisma } from '../harness/context';

// The contact filter's SQL (prisma/queries/contacts/contact-filter-sql.ts), with the index look-up that narrows
// it, against an oracle written in plain TypeScript: random contacts — custom values of the right type and of the
// wrong one — random filters, the same answer, in the same order, page by page.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 30);

let prisma: AppPrisma;
beforeAll(() => {
  prisma = testPrisma();
});
afterAll(async () => {
  await prisma?.$disconnect();
});

const FIELDS: CustomFieldDefinition[] = [
  { key: 'note', label: 'Note', type: 'text', options: [] },
  { key: 'city', label: 'City', type: 'text', options: [] },
  { key: 'budget', label: 'Budget', type: 'number', options: [] },
  { key: 'since', label: 'Since', type: 'date', options: [] },
  { key: 'plan', label: 'Plan', type: 'select', options: ['gold', 'silver', 'bronze', 'lead'] },
];
const CONSENT = ['unknown', 'granted', 'revoked'] as const;

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B', 'x', ' ', '%', '_', '\\'), minLength: 1, maxLength: 4 });
const number = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0.1, 0.2, 0.30000000000000004, 0.3));
const date = fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10));
const anyValue = fc.oneof(word, number, date, fc.boolean(), fc.constant(null), fc.constantFrom('gold', 'silver', '2025-01-05T00:00:00Z', '5k'));

const contactArb = fc.record({
  firstName: fc.option(word, { nil: null }),
  lastName: fc.option(word, { nil: null }),
  hasPhone: fc.boolean(),
  hasEmail: fc.boolean(),
  stage: fc.integer({ min: -1, max: 4 }),
  sms: fc.constantFrom(...CONSENT),
  email: fc.constantFrom(...CONSENT),
  props: fc.record(
    {
      note: fc.oneof(word, anyValue),
      city: fc.oneof(fc.constantFrom('ab', 'AB', 'x'), anyValue),
      budget: fc.oneof(number, anyValue),
      since: fc.oneof(date, anyValue),
      plan: fc.oneof(fc.constantFrom('gold', 'silver', 'bronze', 'lead'), anyValue),
      other: anyValue,
    },
    { requiredKeys: [] },
  ),
});

const conditionArb = fc.oneof(
  fc.record({ key: fc.constantFrom('note', 'city'), op: fc.constant('equals' as const), value: fc.oneof(word, fc.constantFrom('ab', 'AB')) }),
  fc.record({ key: fc.constantFrom('note', 'city'), op: fc.constant('contains' as const), value: word }),
  fc.record({ key: fc.constant('budget'), op: fc.constant('range' as const), min: fc.option(number, { nil: undefined }), max: fc.option(number, { nil: undefined }) }).filter((c) => c.min !== undefined || c.max !== undefined),
  fc.record({ key: fc.constant('since'), op: fc.constant('range' as const), min: fc.option(date, { nil: undefined }), max: fc.option(date, { nil: undefined }) }).filter((c) => c.min !== undefined || c.max !== undefined),
  fc.record({ key: fc.constant('plan'), op: fc.constant('oneOf' as const), values: fc.uniqueArray(fc.constantFrom('gold', 'silver', 'bronze', 'lead', 'none'), { minLength: 1, maxLength: 3 }) }),
);

const filterArb = (count: number) =>
  fc.record(
    {
      q: fc.oneof(word, fc.integer({ min: 0, max: count - 1 }).map((i) => phoneOf(i).slice(3, 9).replace(/(\d{3})/, '$1 '))),
      stageIds: fc.uniqueArray(fc.integer({ min: -1, max: 5 }), { minLength: 1, maxLength: 3 }),
      consent: fc.record({ sms: fc.uniqueArray(fc.constantFrom(...CONSENT), { minLength: 1, maxLength: 2 }) }, { requiredKeys: [] }),
      created: fc.tuple(fc.integer({ min: 0, max: count }), fc.integer({ min: 0, max: count })),
      fields: fc.array(conditionArb, { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: [] },
  );

const BASE = Date.UTC(2026, 0, 1);
const phoneOf = (i: number) => `+1415555${String(1000 + i)}`;

type Row = { id: string; createdAt: Date; firstName: string | null; lastName: string | null; phone: string | null; email: string | null; stageId: string | null; smsConsent: string; emailConsent: string; props: Record<string, unknown> };

const likeContains = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());

/** What the filter means, in TypeScript. */
function oracle(row: Row, filter: ResolvedContactFilter): boolean {
  if (filter.q) {
    const text = `${row.firstName ?? ''} ${row.lastName ?? ''} ${row.phone ?? ''} ${row.email ?? ''}`;
    const digits = filter.q.replace(/[\s().-]/g, '');
    const digitsMatch = /^\+?\d{3,}$/.test(digits) && digits !== filter.q && likeContains(text, digits);
    if (!likeContains(text, filter.q) && !digitsMatch) return false;
  }
  if (filter.stages && !((row.stageId !== null && filter.stages.ids.includes(row.stageId)) || (row.stageId === null && filter.stages.none))) return false;
  for (const { channel, statuses } of filter.consent) {
    const value = channel === 'sms' ? row.smsConsent : channel === 'email' ? row.emailConsent : 'unknown';
    if (!(statuses as string[]).includes(value)) return false;
  }
  if (filter.createdFrom && row.createdAt < filter.createdFrom) return false;
  if (filter.createdBefore && row.createdAt >= filter.createdBefore) return false;
  for (const c of filter.conditions) {
    const v = row.props[c.key];
    switch (c.kind) {
      case 'textEquals':
        if (v !== c.value) return false;
        break;
      case 'oneOf':
        if (!c.values.includes(v as string)) return false;
        break;
      case 'textContains':
        if (typeof v !== 'string' || !likeContains(v, c.value)) return false;
        break;
      case 'numberRange':
        if (typeof v !== 'number' || (c.min !== null && v < c.min) || (c.max !== null && v > c.max)) return false;
        break;
      case 'dateRange':
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || (c.from !== null && v < c.from) || (c.to !== null && v > c.to)) return false;
        break;
    }
  }
  return true;
}

describe('the contact filter in SQL', () => {
  it('finds exactly the contacts the oracle finds, newest first, page by page', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(contactArb, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 9 }), async (contacts, pageSize) => {
        const { db } = await createTestTenant(prisma);
        const stages = await db.pipelineStage.findMany({ orderBy: { position: 'asc' } });
        const rows = await db.contact.createManyAndReturn({
          data: contacts.map((c, i) => ({
            tenantId: db.$tenantId(),
            firstName: c.firstName,
            lastName: c.lastName,
            phone: c.hasPhone || !c.hasEmail ? phoneOf(i) : null,
            email: c.hasEmail ? `c${i}@example.com` : null,
            stageId: c.stage >= 0 ? stages[c.stage]!.id : null,
            smsConsent: c.sms,
            emailConsent: c.email,
            customProperties: c.props as object,
            // Some share a creation time: the keyset's tie-break on id is exercised too.
            createdAt: new Date(BASE + Math.floor(i / 2) * 60_000),
          })),
        });
        const all: Row[] = rows.map((r) => ({ ...r, props: r.customProperties as Record<string, unknown> }));
        await fc.assert(
          fc.asyncProperty(filterArb(contacts.length), async (raw) => {
            const filter: ContactFilter = {
              ...(raw.q !== undefined ? { q: raw.q.trim() || 'a' } : {}),
              ...(raw.stageIds ? { stageIds: raw.stageIds.map((i) => (i < 0 ? null : i >= stages.length ? 'stg_elsewhere' : stages[i]!.id)) } : {}),
              ...(raw.consent ? { consent: raw.consent } : {}),
              ...(raw.created ? { createdFrom: new Date(BASE + raw.created[0] * 30_000).toISOString(), createdBefore: new Date(BASE + raw.created[1] * 60_000).toISOString() } : {}),
              ...(raw.fields ? { fields: raw.fields } : {}),
            };
            const resolved = resolveContactFilter(filter, FIELDS);
            const expected = all
              .filter((row) => oracle(row, resolved))
              .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
              .map((r) => r.id);
            const seen: string[] = [];
            let cursor: { at: Date; id: string } | undefined;
            for (let pages = 0; pages < 30; pages++) {
              const page = await listContacts(db, resolved, { limit: pageSize, cursor });
              seen.push(...page.contacts.map((c) => c.id));
              if (!page.next) break;
              cursor = page.next;
            }
            expect(seen, JSON.stringify(filter)).toEqual(expected);
          }),
          { numRuns: 4 },
        );
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});
