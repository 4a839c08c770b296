import { describe, expect, it } from 'vitest';
import { customPropertyProblems, customValueProblem, isCalendarDate, type CustomFieldDefinition } from './custom-fields';

const budget: CustomFieldDefinition = { key: 'budget', label: 'Budget', type: 'number', options: [] };
const plan: CustomFieldDefinition = { key: 'plan', label: 'Plan', type: 'select', options: ['Gold', 'Silver'] };
const movedIn: CustomFieldDefinition = { key: 'movedIn', label: 'Moved in', type: 'date', options: [] };
const notes: CustomFieldDefinition = { key: 'notes', label: 'Notes', type: 'text', options: [] };

describe('isCalendarDate', () => {
  it.each([
    ['2026-03-01', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['0099-01-01', true],
    ['0000-01-01', false],
    ['2026-3-1', false],
    ['2026-03-01T00:00:00Z', false],
    ['', false],
  ])('%s → %s', (value, ok) => expect(isCalendarDate(value)).toBe(ok));
});

describe('customValueProblem', () => {
  it('accepts values of the field’s type, and null for any field', () => {
    expect(customValueProblem(budget, 1250.5)).toBeNull();
    expect(customValueProblem(plan, 'Gold')).toBeNull();
    expect(customValueProblem(movedIn, '2026-03-01')).toBeNull();
    expect(customValueProblem(notes, 'anything')).toBeNull();
    for (const field of [budget, plan, movedIn, notes]) expect(customValueProblem(field, null)).toBeNull();
  });

  it('names the field and says what it expects and what it got', () => {
    expect(customValueProblem(budget, '5k')).toBe('Budget (budget) is a number field; got the text "5k"');
    expect(customValueProblem(plan, 'Bronze')).toBe('Plan (plan) is one of "Gold", "Silver"; got the text "Bronze"');
    expect(customValueProblem(movedIn, '2025-02-29')).toMatch(/^Moved in \(movedIn\) is a date field \(YYYY-MM-DD/);
    expect(customValueProblem(notes, 12)).toBe('Notes (notes) is a text field; got the number 12');
    expect(customValueProblem(budget, true)).toBe('Budget (budget) is a number field; got true');
  });
});

describe('customPropertyProblems', () => {
  it('checks defined keys only; other keys stay free-form', () => {
    expect(customPropertyProblems([budget, plan], { budget: 'lots', plan: 'Gold', anything: { nested: 1 } })).toEqual([
      { key: 'budget', message: 'Budget (budget) is a number field; got the text "lots"' },
    ]);
    expect(customPropertyProblems([], { budget: 'lots' })).toEqual([]);
  });
});
