/**
 * Generates a large inbox for benchmarks: one tenant with CONTACTS contacts (default 100,000), a thread per
 * contact (every tenth contact a second one on email), MESSAGES messages (default 1,000,000) spread over the
 * threads, a few members with assignments and read state, labels and snoozes — then ANALYZE, and with
 * `--explain` the plans and timings of the inbox's main queries.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/seed-inbox.ts [--contacts 100000] [--messages 1000000] [--explain]
 *   DATABASE_URL=postgres://… npx tsx bench/seed-inbox.ts --tenant ten_… --explain [--only counts]
 *
 * The second form seeds nothing: it explains the queries on a tenant an earlier run made (the seed takes a minute
 * or two; a plan, a second), `--only` keeping the queries whose name contains the word.
 *
 * Rows are made by Postgres itself (generate_series), in a few statements. The realtime triggers are switched
 * off for the session (session_replication_role = replica; needs a superuser, as the embedded and the docker
 * Postgres give): a bench seed is not a million changes anyone is watching.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createPrismaClient, createSystemPrismaClient, Prisma } from '../prisma/client';
import { countThreadsSql, listThreadsSql, type ThreadListFilters } from '../prisma/queries/threads/list-threads';
import { forTenant } from '../prisma/tenant-scope';

export async function seedInbox(databaseUrl: string, sizes: { contacts: number; messages: number }): Promise<{ tenantId: string; userId: string }> {
  // The database URL's own user (the tables' owner, a superuser on the embedded and docker Postgres), as
  // migrations run: a bench seed writes a tenant and switches the realtime triggers off, which neither the
  // application's role nor the system role may.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    const { rows: [tenant] } = await client.query<{ id: string }>(
      `INSERT INTO tenants (id, name, business_name, time_zone, quiet_start_minute, quiet_end_minute)
       VALUES ('ten_' || replace(gen_random_uuid()::text, '-', ''), $1, 'Bench Plumbing', 'Europe/London', 1260, 480) RETURNING id`,
      [`bench-inbox-${Date.now()}`],
    );
    const tenantId = tenant!.id;
    // Ids are global keys: each seed run makes its own (a run tag of 8 hex digits in every id).
    const tag = tenantId.slice(4, 12);
    await client.query(
      `INSERT INTO auth_users (id, name, email) SELECT 'acc_' || $1 || g, 'Agent ' || g, 'agent' || g || '-' || $1 || '@bench.test' FROM generate_series(1, 10) g`,
      [tag],
    );
    await client.query(
      `INSERT INTO users (tenant_id, auth_user_id, email, name, role)
       SELECT $1, 'acc_' || $2 || g, 'agent' || g || '-' || $2 || '@bench.test', 'Agent ' || g, 'agent' FROM generate_series(1, 10) g`,
      [tenantId, tag],
    );
    const { rows: users } = await client.query<{ id: string }>(`SELECT id FROM users WHERE tenant_id = $1 ORDER BY email`, [tenantId]);
    const firstNames = ['Ada', 'Grace', 'Linus', 'Zoe', 'Omar', 'Mei', 'Ivan', 'Nia', 'Raj', 'Lena'];
    const lastNames = ['Lovelace', 'Hopper', 'Torvalds', 'Quartz', 'Haddad', 'Chen', 'Petrov', 'Okafor', 'Patel', 'Berg'];
    await client.query(
      `INSERT INTO contacts (id, tenant_id, first_name, last_name, phone, email, sms_consent)
       SELECT 'ctc_' || $2 || lpad(g::text, 24, '0'), $1, ($3::text[])[1 + g % 10], ($4::text[])[1 + (g / 10) % 10] || g,
              '+1415' || lpad(g::text, 7, '0'), 'customer' || g || '@example.com', 'granted'
         FROM generate_series(1, $5::int) g`,
      [tenantId, tag, firstNames, lastNames, sizes.contacts],
    );
    // A thread per contact on SMS, every tenth also on email; activity spread over the last 90 days.
    await client.query(
      `INSERT INTO threads (id, tenant_id, contact_id, channel, status, last_message_at, last_inbound_at, assignee_id, labels, snoozed_until)
       SELECT 'thr_' || $2 || lpad(g::text, 23, '0') || c.channel_code, $1, 'ctc_' || $2 || lpad(g::text, 24, '0'), c.channel::channel,
              CASE WHEN g % 3 = 0 THEN 'closed' ELSE 'open' END::thread_status,
              now() - make_interval(secs => (g * 7919 % 7776000)),
              now() - make_interval(secs => (g * 7919 % 7776000) + 60),
              CASE WHEN g % 4 = 0 THEN NULL ELSE ($3::text[])[1 + g % 10] END,
              CASE WHEN g % 20 = 0 THEN ARRAY['vip'] WHEN g % 7 = 0 THEN ARRAY['billing'] ELSE '{}' END,
              CASE WHEN g % 50 = 0 THEN now() + interval '1 day' END
         FROM generate_series(1, $4::int) g
         CROSS JOIN LATERAL (VALUES ('sms', 's'), ('email', 'e')) AS c(channel, channel_code)
        WHERE c.channel = 'sms' OR g % 10 = 0`,
      [tenantId, tag, users.map((u) => u.id), sizes.contacts],
    );
    // Messages on the SMS threads, their thread computed rather than joined: one pass of generate_series.
    const words = ['boiler', 'leak', 'quote', 'invoice', 'tomorrow', 'kitchen', 'tap', 'radiator', 'appointment', 'thanks', 'price', 'monday'];
    await client.query(
      `INSERT INTO messages (id, tenant_id, contact_id, thread_id, direction, channel, body, status, origin, created_at, sent_at)
       SELECT 'msg_' || $2 || lpad(m::text, 24, '0'), $1, 'ctc_' || $2 || lpad(n::text, 24, '0'), 'thr_' || $2 || lpad(n::text, 23, '0') || 's',
              CASE WHEN m % 2 = 0 THEN 'inbound' ELSE 'outbound' END::message_direction, 'sms',
              'Hi, about the ' || ($3::text[])[1 + m % 12] || ' and the ' || ($3::text[])[1 + (m / 12) % 12] || ', message ' || m,
              CASE WHEN m % 2 = 0 THEN 'received' WHEN m % 97 = 0 THEN 'failed' ELSE 'delivered' END::message_status,
              CASE WHEN m % 2 = 0 THEN NULL ELSE 'api' END,
              at, CASE WHEN m % 2 = 1 THEN at END
         FROM generate_series(1, $4::int) m
         CROSS JOIN LATERAL (SELECT 1 + m % $5::int AS n) k
         CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (n * 7919 % 7776000) + (m % 10) * 3600) AS at) t`,
      [tenantId, tag, words, sizes.messages, sizes.contacts],
    );
    // Half of the first agent's threads read a minute after their last message.
    await client.query(
      `INSERT INTO thread_reads (tenant_id, thread_id, user_id, read_at)
       SELECT tenant_id, id, $2, last_inbound_at + interval '1 minute' FROM threads
        WHERE tenant_id = $1 AND assignee_id = $2 AND abs(hashtext(id)) % 2 = 0`,
      [tenantId, users[0]!.id],
    );
    await client.query('COMMIT');
    return { tenantId, userId: users[0]!.id };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function explain(databaseUrl: string, tenantId: string, userId: string, only?: string): Promise<void> {
  const owner = new pg.Client({ connectionString: databaseUrl });
  await owner.connect();
  await owner.query('ANALYZE').finally(() => owner.end());
  // The plans the API gets: through the application's client and the tenant scope, so under row-level security
  // (which can keep Postgres from an index, as it once did the search's).
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 1 });
  const db = forTenant(prisma, tenantId);
  try {
    const now = new Date();
    const page = { limit: 50, now };
    const cases: Array<[string, ThreadListFilters]> = [
      ['all', { userId }],
      ['open', { userId, status: 'open' }],
      ['mine', { userId, assignee: 'mine' }],
      ['unassigned, open', { userId, assignee: 'unassigned', status: 'open' }],
      ['unread', { userId, unread: true }],
      ['label vip', { userId, label: 'vip' }],
      ['channel email', { userId, channel: 'email' }],
      ['search name', { userId, q: 'lovelace12' }],
      ['search phone', { userId, q: '415 000 12' }],
      ['search words', { userId, q: 'radiator invoice' }],
    ];
    const queries: Array<[string, Prisma.Sql]> = [
      ...cases.map(([name, filters]): [string, Prisma.Sql] => [`list: ${name}`, listThreadsSql(tenantId, filters, page)]),
      ['counts', countThreadsSql(tenantId, userId, now)],
      [
        'thread view: messages',
        Prisma.sql`SELECT * FROM messages WHERE tenant_id = ${tenantId} AND thread_id = (SELECT id FROM threads WHERE tenant_id = ${tenantId} ORDER BY last_message_at DESC NULLS LAST, id DESC LIMIT 1) ORDER BY created_at DESC, id DESC LIMIT 101`,
      ],
    ];
    for (const [name, sql] of queries.filter(([name]) => !only || name.includes(only))) {
      const plan = await db.$queryRaw<Array<{ 'QUERY PLAN': string }>>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
      const lines = plan.map((r) => r['QUERY PLAN']);
      console.log(`\n── ${name}: ${lines.find((l) => l.startsWith('Execution Time')) ?? ''}`);
      console.log(lines.join('\n'));
    }
  } finally {
    await prisma.$disconnect();
  }
}

/** A tenant an earlier run seeded, and the member the seed gives assignments and read state (its first). */
async function seededTenant(databaseUrl: string, tenantId: string): Promise<{ tenantId: string; userId: string }> {
  // Cross-tenant by design: finding a tenant by id before any scope exists.
  const system = createSystemPrismaClient(databaseUrl, { maxConnections: 1 });
  try {
    const [member] = await system.$queryRaw<Array<{ id: string }>>`SELECT id FROM users WHERE tenant_id = ${tenantId} ORDER BY email LIMIT 1`;
    if (!member) throw new Error(`tenant ${tenantId} has no members: not a seeded tenant`);
    return { tenantId, userId: member.id };
  } finally {
    await system.$disconnect();
  }
}

async function main(): Promise<void> {
  // Parsed here, not on import: the inbox bench imports seedInbox under Vitest's own arguments.
  const { values } = parseArgs({
    options: {
      contacts: { type: 'string', default: '100000' },
      messages: { type: 'string', default: '1000000' },
      explain: { type: 'boolean', default: false },
      tenant: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  if (values.tenant) {
    const { tenantId, userId } = await seededTenant(databaseUrl, values.tenant);
    if (values.explain) await explain(databaseUrl, tenantId, userId, values.only);
    return;
  }
  const sizes = { contacts: Number(values.contacts), messages: Number(values.messages) };
  const started = Date.now();
  const { tenantId, userId } = await seedInbox(databaseUrl, sizes);
  console.log(`seeded tenant ${tenantId}: ${sizes.contacts} contacts, ${sizes.messages} messages in ${Math.round((Date.now() - started) / 1000)} s`);
  if (values.explain) await explain(databaseUrl, tenantId, userId, values.only);
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
