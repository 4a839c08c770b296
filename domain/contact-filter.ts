import type { Channel } from './channels';
import type { CustomFieldDefinition } from './custom-fields';
import { AppError, ErrorCodes } from './errors';
import type { ContactFilter, FieldCondition } from './schemas/contact-filter';

/** A condition on a custom field, checked against the field's type: what the SQL builder turns into a predicate. */
export type TypedCondition =
  | { kind: 'textEquals'; key: string; value: string }
  | { kind: 'textContains'; key: string; value: string }
  | { kind: 'numberRange'; key: string; min: number | null; max: number | null }
  | { kind: 'dateRange'; key: string; from: string | null; to: string | null }
  | { kind: 'oneOf'; key: string; values: string[] };

export interface ResolvedContactFilter {
  q: string | null;
  /** Stages any of which matches; `none` also matches contacts in no stage. Null: any. */
  stages: { ids: string[]; none: boolean } | null;
  consent: Array<{ channel: Channel; statuses: Array<'unknown' | 'granted' | 'revoked'> }>;
  createdFrom: Date | null;
  createdBefore: Date | null;
  conditions: TypedCondition[];
}

const OPS_BY_TYPE: Record<CustomFieldDefinition['type'], FieldCondition['op'][]> = {
  text: ['equals', 'contains'],
  number: ['range'],
  date: ['range'],
  select: ['oneOf'],
};

function invalid(path: string, message: string): never {
  throw new AppError(ErrorCodes.VALIDATION, `filter.${path}: ${message}`, { details: { issues: [{ path: `filter.${path}`, message }] } });
}

function typed(condition: FieldCondition, field: CustomFieldDefinition | undefined, path: string): TypedCondition {
  if (!field) invalid(path, `no custom field has the key "${condition.key}"`);
  const ops = OPS_BY_TYPE[field.type];
  if (!ops.includes(condition.op)) invalid(path, `${field.label} (${field.key}) is a ${field.type} field: filter it with ${ops.join(' or ')}`);
  switch (condition.op) {
    case 'equals':
      return { kind: 'textEquals', key: field.key, value: condition.value };
    case 'contains':
      return { kind: 'textContains', key: field.key, value: condition.value };
    case 'oneOf':
      return { kind: 'oneOf', key: field.key, values: [...new Set(condition.values)] };
    case 'range': {
      const bounds = [condition.min, condition.max].filter((b) => b !== undefined);
      const want = field.type === 'number' ? 'number' : 'string';
      if (bounds.some((b) => typeof b !== want)) {
        invalid(path, `${field.label} (${field.key}) is a ${field.type} field: min and max are ${field.type === 'number' ? 'numbers' : 'dates (YYYY-MM-DD)'}`);
      }
      if (field.type === 'number') return { kind: 'numberRange', key: field.key, min: (condition.min as number | undefined) ?? null, max: (condition.max as number | undefined) ?? null };
      return { kind: 'dateRange', key: field.key, from: (condition.min as string | undefined) ?? null, to: (condition.max as string | undefined) ?? null };
    }
  }
}

/** A filter checked against the tenant's custom fields; a condition that does not fit its field is a 400 naming it. */
export function resolveContactFilter(filter: ContactFilter, fields: readonly CustomFieldDefinition[]): ResolvedContactFilter {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const stageIds = filter.stageIds ?? null;
  return {
    q: filter.q ?? null,
    stages: stageIds ? { ids: [...new Set(stageIds.filter((id): id is string => id !== null))], none: stageIds.includes(null) } : null,
    consent: Object.entries(filter.consent ?? {}).flatMap(([channel, statuses]) => (statuses ? [{ channel: channel as Channel, statuses: [...new Set(statuses)] }] : [])),
    createdFrom: filter.createdFrom ? new Date(filter.createdFrom) : null,
    createdBefore: filter.createdBefore ? new Date(filter.createdBefore) : null,
    conditions: (filter.fields ?? []).map((c, i) => typed(c, byKey.get(c.key), `fields.${i}`)),
  };
}

/** At most this many containment documents go to the index lookup; beyond it one condition narrows alone. */
export const MAX_CANDIDATE_DOCUMENTS = 32;

/**
 * Documents a contact's custom properties must contain one of, for the equality conditions (text equals, select
 * one-of) — what the GIN index on custom_properties can find. All the conditions together when their
 * combinations are few, else the most selective one alone; the full filter is applied to what they find anyway,
 * so these only narrow (never leave a match out). Null when no condition is an equality, or too many documents.
 */
export function candidateDocuments(conditions: readonly TypedCondition[]): Array<Record<string, string>> | null {
  const equalities = conditions.flatMap((c) =>
    c.kind === 'textEquals' ? [{ key: c.key, values: [c.value] }] : c.kind === 'oneOf' ? [{ key: c.key, values: c.values }] : [],
  );
  if (equalities.length === 0) return null;
  const combinations = equalities.reduce((n, e) => n * e.values.length, 1);
  const used = combinations <= MAX_CANDIDATE_DOCUMENTS ? equalities : [equalities.reduce((a, b) => (b.values.length < a.values.length ? b : a))];
  let documents: Array<Record<string, string>> = [{}];
  for (const { key, values } of used) {
    // Two conditions on one key must both hold: only documents where they agree can match.
    documents = documents.flatMap((doc) => values.flatMap((value) => (key in doc ? (doc[key] === value ? [doc] : []) : [{ ...doc, [key]: value }])));
  }
  // A single condition with more options than that: too many lookups to be worth it; the scan decides.
  return documents.length <= MAX_CANDIDATE_DOCUMENTS ? documents : null;
}
