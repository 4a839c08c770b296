import { candidateDocuments, type ResolvedContactFilter, type TypedCondition } from '../../../domain/contact-filter';
import { containsPattern } from '../../../domain/inbox';
import { Prisma } from '../../client';
import type { SqlClient } from '../../client';

/**
 * A contact filter as SQL over `contacts c`. Every value the caller gave travels as a bound parameter of a
 * Prisma.sql template — custom field keys included (`c.custom_properties -> ${key}`) — so no input ever becomes
 * SQL text (contact-filter-sql.property.test.ts checks it). Values are compared by the field's type, and a stored
 * value of another type (written before the field existed, or free-form) simply does not match: no cast can fail.
 */
export function contactFilterConditions(filter: ResolvedContactFilter): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filter.q) {
    const { pattern, digitsPattern } = searchPatterns(filter.q);
    where.push(Prisma.sql`(${SEARCH_TEXT} ILIKE ${pattern} OR ${SEARCH_TEXT} ILIKE ${digitsPattern ?? pattern})`);
  }
  if (filter.stages) {
    const parts: Prisma.Sql[] = [];
    if (filter.stages.ids.length) parts.push(Prisma.sql`c.stage_id = ANY (${filter.stages.ids}::text[])`);
    if (filter.stages.none) parts.push(Prisma.sql`c.stage_id IS NULL`);
    where.push(parts.length ? Prisma.sql`(${Prisma.join(parts, ' OR ')})` : Prisma.sql`false`);
  }
  for (const { channel, statuses } of filter.consent) {
    where.push(Prisma.sql`${CONSENT_COLUMN[channel]} = ANY (${statuses}::consent_status[])`);
  }
  if (filter.createdFrom) where.push(Prisma.sql`c.created_at >= ${filter.createdFrom}`);
  if (filter.createdBefore) where.push(Prisma.sql`c.created_at < ${filter.createdBefore}`);
  for (const condition of filter.conditions) where.push(conditionSql(condition));
  return where;
}

const CONSENT_COLUMN = {
  sms: Prisma.raw('c.sms_consent'),
  whatsapp: Prisma.raw('c.whatsapp_consent'),
  email: Prisma.raw('c.email_consent'),
} as const;

/** The text the trigram index covers (contacts_tenant_search_trgm_idx): the same expression, or the index is not used. */
const SEARCH_TEXT = Prisma.raw(`(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') || ' ' || coalesce(c.phone, '') || ' ' || coalesce(c.email, ''))`);

/** The search box as LIKE patterns: anywhere in the text, and a phone typed with spaces or dashes by its digits. */
export function searchPatterns(q: string): { pattern: string; digitsPattern: string | null } {
  const digits = q.replace(/[\s().-]/g, '');
  return { pattern: containsPattern(q), digitsPattern: /^\+?\d{3,}$/.test(digits) && digits !== q ? containsPattern(digits) : null };
}

function conditionSql(condition: TypedCondition): Prisma.Sql {
  const value = Prisma.sql`c.custom_properties -> ${condition.key}::text`;
  switch (condition.kind) {
    case 'textEquals':
      return Prisma.sql`c.custom_properties @> ${JSON.stringify({ [condition.key]: condition.value })}::jsonb`;
    case 'oneOf':
      return Prisma.sql`c.custom_properties @> ANY (${condition.values.map((v) => JSON.stringify({ [condition.key]: v }))}::jsonb[])`;
    case 'textContains':
      return Prisma.sql`(jsonb_typeof(${value}) = 'string' AND (c.custom_properties ->> ${condition.key}::text) ILIKE ${containsPattern(condition.value)})`;
    case 'numberRange': {
      const number = Prisma.sql`(CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value})::numeric END)`;
      const bounds = [
        // As text, the shortest form that reads back as the same double — as JSON wrote the stored value — whatever
        // type the driver would give a JavaScript number.
        ...(condition.min !== null ? [Prisma.sql`${number} >= ${String(condition.min)}::numeric`] : []),
        ...(condition.max !== null ? [Prisma.sql`${number} <= ${String(condition.max)}::numeric`] : []),
      ];
      return bounds.length ? Prisma.sql`(${Prisma.join(bounds, ' AND ')})` : Prisma.sql`${number} IS NOT NULL`;
    }
    case 'dateRange': {
      // ISO dates compare as text, byte by byte; anything not shaped like one is left out before comparing.
      const date = Prisma.sql`(CASE WHEN jsonb_typeof(${value}) = 'string' AND (c.custom_properties ->> ${condition.key}::text) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN (c.custom_properties ->> ${condition.key}::text) END) COLLATE "C"`;
      const bounds = [
        ...(condition.from !== null ? [Prisma.sql`${date} >= ${condition.from}::text`] : []),
        ...(condition.to !== null ? [Prisma.sql`${date} <= ${condition.to}::text`] : []),
      ];
      return bounds.length ? Prisma.sql`(${Prisma.join(bounds, ' AND ')})` : Prisma.sql`${date} IS NOT NULL`;
    }
  }
}

/**
 * More candidates than this: the condition is common, and the list's own walk fills a page sooner. Fetching C
 * candidates costs about C heap pages; walking to a page of 50 costs 50·N/C rows of the tenant's N: they balance
 * near C = √N, 300 at 100,000 contacts (docs/BENCHMARKS.md, Contact filters).
 */
export const CANDIDATE_CAP = 300;

/**
 * The ids the indexes find for the filter's search and equality conditions (herald_contact_candidates, which
 * row-level security lets use them), when they are few; null when there is nothing to look up or it finds more
 * than CANDIDATE_CAP. Only ever narrows: the whole filter still applies to these.
 */
export async function contactCandidates(db: SqlClient, filter: ResolvedContactFilter): Promise<string[] | null> {
  const documents = candidateDocuments(filter.conditions);
  const search = filter.q ? searchPatterns(filter.q) : null;
  if (!documents && !search) return null;
  const [row] = await db.$queryRaw<Array<{ ids: string[] }>>`
    SELECT ARRAY(SELECT herald_contact_candidates(
      ${documents ? documents.map((d) => JSON.stringify(d)) : null}::jsonb[], ${search?.pattern ?? null}, ${search?.digitsPattern ?? null}, ${CANDIDATE_CAP + 1}
    )) AS ids`;
  const ids = row?.ids ?? [];
  return ids.length > CANDIDATE_CAP ? null : ids;
}
