/**
 * A tenant's custom fields and what a contact's value for one may be. Values live in the contact's flat
 * `customProperties`; a key that no field defines stays free-form (as it always was), a defined one must fit
 * its field's type. `null` always clears a value.
 */
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'select'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldDefinition {
  key: string;
  label: string;
  type: CustomFieldType;
  /** A select's choices; empty for other types. */
  options: string[];
}

/** A field key: what `customProperties` and templates (`{{custom.<key>}}`) use. */
export const CUSTOM_FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** A calendar date, `YYYY-MM-DD`, that exists (no 30 February). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return false;
  const at = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps the year as given.
  at.setUTCFullYear(year);
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

const describeValue = (value: unknown): string =>
  typeof value === 'string' ? `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` : typeof value === 'number' ? `the number ${value}` : String(value);

/** Why `value` does not fit `field`, in words that name the field; null when it fits. */
export function customValueProblem(field: CustomFieldDefinition, value: unknown): string | null {
  if (value === null) return null;
  const name = `${field.label} (${field.key})`;
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? null : `${name} is a text field; got ${describeValue(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `${name} is a number field; got ${describeValue(value)}`;
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : `${name} is a date field (YYYY-MM-DD, e.g. 2026-03-01); got ${describeValue(value)}`;
    case 'select':
      return typeof value === 'string' && field.options.includes(value)
        ? null
        : `${name} is one of ${field.options.map((o) => `"${o}"`).join(', ')}; got ${describeValue(value)}`;
  }
}

/** Every value of `properties` that does not fit its field, keyed by property name. */
export function customPropertyProblems(fields: readonly CustomFieldDefinition[], properties: Record<string, unknown>): Array<{ key: string; message: string }> {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const problems: Array<{ key: string; message: string }> = [];
  for (const [key, value] of Object.entries(properties)) {
    const field = byKey.get(key);
    const problem = field ? customValueProblem(field, value) : null;
    if (problem) problems.push({ key, message: problem });
  }
  return problems;
}
