/**
 * The contact list's filters at a realistic size, as the application runs them (role herald_app, under row-level
 * security): seeds TENANTS tenants of CONTACTS contacts each with custom properties, then for each filter prints
 * the time of a page (median of 5) with the index look-up that narrows it (herald_contact_candidates) and without
 * it (the list's own walk, which is all row-level security would leave), and the plans with --explain.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/explain-contact-filters.ts [--contacts 100000] [--tenants 3] [--explain]
 *
 * The figures are in docs/BENCHMARKS.md (Contact filters). Rows are made by Postgres (generate_series).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { resolveContactFilter } from '../domain/contact-filter';
import type { CustomFieldDefinition } from '../domain/custom-fields';
import type { ContactFilter } from '../domain/schemas/contact-filter';
import { createPrismaClient, Prisma } from '../prisma/client';
import { contactCandidates } from '../prisma/queries/contacts/contact-filter-sql';
import { listContactsSql } from '../prisma/queries/contacts/list-contacts';
import { forTenant } from '../prisma/tenant-scope';

const FIELDS: CustomFieldDefinition[] = [
  { key: 'tier', label: 'Tier', type: 'select', options: ['gold', 'silver', 'bronze', 'lead', 'vip'] },
  { key: 'city', label: 'City', type: 'select', options: Array.from({ length: 50 }, (_, i) => `city${i}`) },
  { key: 'rare', label: 'Rare', type: 'select', options: ['yes', 'no'] },
  { key: 'budget', label: 'Budget', type: 'number', options: [] },
  { key: 'since', label: 'Since', type: 'date', options: [] },
  { key: 'notes', label: 'Notes', type: 'text', options: [] },
];

async function seed(databaseUrl: string, tenants: number, contacts: number): Promise<string> {
  // The URL's own user (the tables' owner), as a migration would: a bench seed, not a request.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tag = Date.now().toString(36);
    const ids: string[] = [];
    for (let t = 0; t < tenants; t++) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO tenants (id, name, business_name) VALUES ('ten_' || replace(gen_random_uuid()::text, '-', ''), $1, 'Bench') RETURNING id`,
        [`bench-contacts-${tag}-${t}`],
      );
      const tenantId = rows[0]!.id;
      ids.push(tenantId);
      for (const [position, f] of FIELDS.entries()) {
        await client.query(`INSERT INTO custom_fields (tenant_id, key, label, type, options, position) VALUES ($1, $2, $3, $4, $5, $6)`, [tenantId, f.key, f.label, f.type, f.options, position]);
      }
      await client.query(
        `INSERT INTO contacts (id, tenant_id, first_name, last_name, phone, email, custom_properties, stage_id, created_at)
         SELECT 'ctc_' || $2 || '_' || $6 || '_' || lpad(g::text, 8, '0'), $1,
                ($3::text[])[1 + g % 10], ($4::text[])[1 + (g / 10) % 10] || g,
                '+1415' || $6 || lpad(g::text, 6, '0'), 'c' || g || '-' || $6 || '-' || $2 || '@example.com',
                jsonb_build_object(
                  'tier', (ARRAY['gold', 'silver', 'bronze', 'lead', 'vip'])[1 + g % 5],
                  'city', 'city' || (g % 50),
                  'budget', (g * 7919) % 20000,
                  'since', to_char(date '2020-01-01' + (g % 2000), 'YYYY-MM-DD'),
                  'notes', 'customer note ' || g || CASE WHEN g % 100 = 0 THEN ' wants a boiler' ELSE '' END,
                  'rare', CASE WHEN g % 1000 = 0 THEN 'yes' ELSE 'no' END),
                (SELECT id FROM pipeline_stages s WHERE s.tenant_id = $1 ORDER BY position OFFSET g % 6 LIMIT 1),
                now() - make_interval(secs => g * 60)
           FROM generate_series(1, $5::int) g`,
        [tenantId, tag, ['Ada', 'Grace', 'Linus', 'Zoe', 'Omar', 'Mei', 'Ivan', 'Nia', 'Raj', 'Lena'], ['Lovelace', 'Hopper', 'Torvalds', 'Quartz', 'Haddad', 'Chen', 'Petrov', 'Okafor', 'Patel', 'Berg'], contacts, t],
      );
    }
    // As autovacuum would have by now: the GIN index's pending list merged, statistics fresh.
    await client.query('VACUUM ANALYZE contacts');
    return ids[Math.floor(tenants / 2)]!;
  } finally {
    await client.end();
  }
}

const CASES: Array<[string, ContactFilter]> = [
  ['no filter', {}],
  ['select, common (tier = gold, 20%)', { fields: [{ key: 'tier', op: 'oneOf', values: ['gold'] }] }],
  ['select, 2% (city7)', { fields: [{ key: 'city', op: 'oneOf', values: ['city7'] }] }],
  ['select, rare (0.1%)', { fields: [{ key: 'rare', op: 'oneOf', values: ['yes'] }] }],
  ['select, none match', { fields: [{ key: 'tier', op: 'oneOf', values: ['nobody'] }] }],
  ['number range (0.5%)', { fields: [{ key: 'budget', op: 'range', min: 100, max: 200 }] }],
  ['date range (5%)', { fields: [{ key: 'since', op: 'range', min: '2025-01-01', max: '2025-04-10' }] }],
  ['text contains (1%)', { fields: [{ key: 'notes', op: 'contains', value: 'boiler' }] }],
  ['search name (1 contact)', { q: 'hopper1231' }],
  ['search phone typed (1 contact)', { q: '415 1 001231' }],
  ['search common ("ada", 10%)', { q: 'ada' }],
  ['select rare + number range', { fields: [{ key: 'rare', op: 'oneOf', values: ['yes'] }, { key: 'budget', op: 'range', min: 10000 }] }],
];

async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await work();
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { contacts: { type: 'string', default: '100000' }, tenants: { type: 'string', default: '3' }, explain: { type: 'boolean', default: false }, tenant: { type: 'string' } } });
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const tenantId = values.tenant ?? (await seed(databaseUrl, Number(values.tenants), Number(values.contacts)));
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 1 });
  const db = forTenant(prisma, tenantId);
  try {
    console.log(`tenant ${tenantId}; ${values.tenants} tenants of ${values.contacts} contacts; a page of 50, median of 5, as herald_app`);
    console.log('| filter | candidates | with the look-up | list walk only |');
    console.log('|---|---|---|---|');
    for (const [name, raw] of CASES) {
      const filter = resolveContactFilter(raw, FIELDS);
      const page = { limit: 50 };
      let candidates: string[] | null = null;
      const narrowed = await timeMs(async () => {
        candidates = await contactCandidates(db, filter);
        return db.$queryRaw(listContactsSql(tenantId, filter, candidates, page));
      });
      const walk = await timeMs(() => db.$queryRaw(listContactsSql(tenantId, filter, null, page)));
      const found = candidates as string[] | null;
      console.log(`| ${name} | ${found === null ? 'none (walk)' : found.length} | ${narrowed.toFixed(1)} ms | ${walk.toFixed(1)} ms |`);
      if (values.explain) {
        const plan = await db.$queryRaw<Array<{ 'QUERY PLAN': string }>>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${listContactsSql(tenantId, filter, found, page)}`);
        console.log(plan.map((r) => `    ${r['QUERY PLAN']}`).join('\n'));
      }
    }
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
