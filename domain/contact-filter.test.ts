import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { candidateDocuments, MAX_CANDIDATE_DOCUMENTS, resolveContactFilter, type TypedCondition } from './contact-filter';
import type { CustomFieldDefinition } from './custom-fields';

const FIELDS: CustomFieldDefinition[] = [
  { key: 'note', label: 'Note', type: 'text', options: [] },
  { key: 'budget', label: 'Budget', type: 'number', options: [] },
  { key: 'since', label: 'Since', type: 'date', options: [] },
  { key: 'plan', label: 'Plan', type: 'select', options: ['gold', 'silver'] },
];

describe('resolveContactFilter', () => {
  it('types each condition by its field', () => {
    const resolved = resolveContactFilter(
      {
        stageIds: ['stg_a', null, 'stg_a'],
        consent: { sms: ['granted'] },
        fields: [
          { key: 'note', op: 'contains', value: 'boiler' },
          { key: 'budget', op: 'range', min: 10 },
          { key: 'since', op: 'range', max: '2026-01-31' },
          { key: 'plan', op: 'oneOf', values: ['gold', 'gold'] },
        ],
      },
      FIELDS,
    );
    expect(resolved).toMatchObject({
      stages: { ids: ['stg_a'], none: true },
      consent: [{ channel: 'sms', statuses: ['granted'] }],
      conditions: [
        { kind: 'textContains', key: 'note', value: 'boiler' },
        { kind: 'numberRange', key: 'budget', min: 10, max: null },
        { kind: 'dateRange', key: 'since', from: null, to: '2026-01-31' },
        { kind: 'oneOf', key: 'plan', values: ['gold'] },
      ],
    });
  });

  it.each([
    [{ key: 'nope', op: 'equals', value: 'x' }, 'filter.fields.0: no custom field has the key "nope"'],
    [{ key: 'budget', op: 'equals', value: 'x' }, 'filter.fields.0: Budget (budget) is a number field: filter it with range'],
    [{ key: 'plan', op: 'contains', value: 'x' }, 'filter.fields.0: Plan (plan) is a select field: filter it with oneOf'],
    [{ key: 'budget', op: 'range', min: '2026-01-01' }, 'filter.fields.0: Budget (budget) is a number field: min and max are numbers'],
    [{ key: 'since', op: 'range', min: 3 }, 'filter.fields.0: Since (since) is a date field: min and max are dates (YYYY-MM-DD)'],
  ] as const)('refuses %o', (condition, message) => {
    expect(() => resolveContactFilter({ fields: [condition as never] }, FIELDS)).toThrow(expect.objectContaining({ code: 'VALIDATION', message }));
  });
});

describe('candidateDocuments', () => {
  it('is null without equality conditions, or with too many combinations of one', () => {
    expect(candidateDocuments([{ kind: 'numberRange', key: 'budget', min: 1, max: null }])).toBeNull();
    const many = Array.from({ length: MAX_CANDIDATE_DOCUMENTS + 1 }, (_, i) => `v${i}`);
    expect(candidateDocuments([{ kind: 'oneOf', key: 'plan', values: many }])).toBeNull();
  });

  const key = fc.constantFrom('a', 'b', 'c');
  const value = fc.constantFrom('x', 'y', 'z', 'w');
  const equality: fc.Arbitrary<TypedCondition> = fc.oneof(
    fc.record({ kind: fc.constant('textEquals' as const), key, value }),
    fc.record({ kind: fc.constant('oneOf' as const), key, values: fc.uniqueArray(value, { minLength: 1, maxLength: 4 }) }),
  );
  const holds = (c: TypedCondition, props: Record<string, string>) =>
    c.kind === 'textEquals' ? props[c.key] === c.value : c.kind === 'oneOf' ? c.values.includes(props[c.key]!) : true;
  const contains = (props: Record<string, string>, doc: Record<string, string>) => Object.entries(doc).every(([k, v]) => props[k] === v);

  test.prop([fc.array(equality, { minLength: 1, maxLength: 5 }), fc.dictionary(key, value)], { numRuns: 2000 })(
    'never leaves out properties that meet every condition',
    (conditions, props) => {
      const docs = candidateDocuments(conditions);
      if (docs === null || !conditions.every((c) => holds(c, props))) return;
      expect(docs.length).toBeLessThanOrEqual(MAX_CANDIDATE_DOCUMENTS);
      expect(docs.some((doc) => contains(props, doc))).toBe(true);
    },
  );
});
