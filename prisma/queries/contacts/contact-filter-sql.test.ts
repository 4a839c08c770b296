import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { ResolvedContactFilter, TypedCondition } from '../../../domain/contact-filter';
import { Prisma } from '../../client';
import { contactFilterConditions } from './contact-filter-sql';

// No input reaches the SQL text: every string a caller gives (search, keys, values, ids) carries a marker that
// appears nowhere in Herald's own SQL, and the built statement's text never contains it — only its parameters do.
const MARK = 'ʘ';
const input = fc.string({ maxLength: 30 }).map((s) => `${MARK}${s}'; DROP TABLE contacts; --`);
const date = fc.constantFrom('2026-01-01', '1999-12-31');

const condition: fc.Arbitrary<TypedCondition> = fc.oneof(
  fc.record({ kind: fc.constant('textEquals' as const), key: input, value: input }),
  fc.record({ kind: fc.constant('textContains' as const), key: input, value: input }),
  fc.record({ kind: fc.constant('numberRange' as const), key: input, min: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })), max: fc.option(fc.integer()) }),
  fc.record({ kind: fc.constant('dateRange' as const), key: input, from: fc.option(date), to: fc.option(date) }),
  fc.record({ kind: fc.constant('oneOf' as const), key: input, values: fc.array(input, { minLength: 1, maxLength: 4 }) }),
);

const filter: fc.Arbitrary<ResolvedContactFilter> = fc.record({
  q: fc.option(input),
  stages: fc.option(fc.record({ ids: fc.array(input, { maxLength: 3 }), none: fc.boolean() })),
  consent: fc.array(fc.record({ channel: fc.constantFrom('sms', 'whatsapp', 'email'), statuses: fc.subarray(['unknown', 'granted', 'revoked'] as const, { minLength: 1 }) })),
  createdFrom: fc.option(fc.date({ noInvalidDate: true })),
  createdBefore: fc.option(fc.date({ noInvalidDate: true })),
  conditions: fc.array(condition, { maxLength: 5 }),
});

describe('contactFilterConditions', () => {
  test.prop([filter], { numRuns: 500 })('binds every caller value as a parameter, never as SQL text', (f) => {
    const where = contactFilterConditions(f);
    const statement = Prisma.sql`SELECT c.id FROM contacts c WHERE ${where.length ? Prisma.join(where, ' AND ') : Prisma.sql`true`}`;
    expect(statement.sql).not.toContain(MARK);
    const given = [f.q, ...(f.stages?.ids ?? []), ...f.conditions.flatMap((c) => [c.key, ...('value' in c ? [c.value] : []), ...('values' in c ? c.values : [])])].filter((v) => v !== null);
    // Each of them is among the parameters (escaped for LIKE, or inside a JSON document, as the case may be).
    expect(JSON.stringify(statement.values).split(MARK).length - 1).toBeGreaterThanOrEqual(given.length);
  });
});
