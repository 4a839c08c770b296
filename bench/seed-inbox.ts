/**
 * Generates a large inbox for benchmarks: one tenant with CONTACTS contacts (default 100,000), a thread per
 * contact (every tenth contact a second one on email), MESSAGES messages (default 1,000,000) spread over the
 * threads, a few members with assignments and read state, labels and snoozes — then ANALYZE, and with
 * `--explain` the plans and timings of the inbox's main queries.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/seed-inbox.ts [--contacts 100000] [--messages 1000000] [--explain]
 *
 * Rows are made by Postgres itself (generate_series), in a few statements. The realtime triggers are switched
 * off for the session (session_replication_role = replica; needs a superuser, as the embedded and the docker
 * Postgres give): a bench seed is not a million changes anyone is watching.
 */
import { parseArgs } from 'node:util';
import { Prisma } from '../prisma/client';
import { createPrismaClient } from '../prisma/client';
import { countThreadsSql, listThreadsSql, type ThreadListFilters } from '../prisma/queries/threads/list-threads';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '100000' },
    messages: { type: 'string', default: '1000000' },
    explain: { type: 'boolean', default: false },
    tenant: { type: 'string' },
  },
});

export async function seedInbox(databaseUrl: string, sizes: { contacts: number; messages: number }): Promise<{ tenantId: string; userId: string }> {
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 1 });
  try {
    return await prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
        const [tenant] = await tx.$queryRaw<Array<{ id: string }>>`
          INSERT INTO tenants (name, business_name, time_zone, quiet_start_minute, quiet_end_minute)
          VALUES (${`bench-inbox-${Date.now()}`}, 'Bench Plumbing', 'Europe/London', 1260, 480) RETURNING id`;
        const tenantId = tenant!.id;
        // Ids are global keys: each seed run makes its own (a run tag of 8 hex digits in every id).
        const tag = tenantId.slice(4, 12);
        await tx.$executeRaw`
          INSERT INTO users (tenant_id, email, name, role)
          SELECT ${tenantId}, 'agent' || g || '@bench.test', 'Agent ' || g, 'agent' FROM generate_series(1, 10) g`;
        const users = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM users WHERE tenant_id = ${tenantId} ORDER BY email`;
        const firstNames = ['Ada', 'Grace', 'Linus', 'Zoe', 'Omar', 'Mei', 'Ivan', 'Nia', 'Raj', 'Lena'];
        const lastNames = ['Lovelace', 'Hopper', 'Torvalds', 'Quartz', 'Haddad', 'Chen', 'Petrov', 'Okafor', 'Patel', 'Berg'];
        await tx.$executeRaw`
          INSERT INTO contacts (id, tenant_id, first_name, last_name, phone, email, sms_consent)
          SELECT 'ctc_' || ${tag} || lpad(g::text, 24, '0'), ${tenantId},
                 (${firstNames}::text[])[1 + g % 10], (${lastNames}::text[])[1 + (g / 10) % 10] || g,
                 '+1415' || lpad(g::text, 7, '0'), 'customer' || g || '@example.com', 'granted'
            FROM generate_series(1, ${sizes.contacts}::int) g`;
        // A thread per contact on SMS, every tenth also on email; activity spread over the last 90 days.
        await tx.$executeRaw`
          INSERT INTO threads (id, tenant_id, contact_id, channel, status, last_message_at, last_inbound_at, assignee_id, labels, snoozed_until)
          SELECT 'thr_' || ${tag} || lpad(g::text, 23, '0') || c.channel_code, ${tenantId}, 'ctc_' || ${tag} || lpad(g::text, 24, '0'), c.channel::channel,
                 CASE WHEN g % 3 = 0 THEN 'closed' ELSE 'open' END::thread_status,
                 now() - make_interval(secs => (g * 7919 % 7776000)),
                 now() - make_interval(secs => (g * 7919 % 7776000) + 60),
                 CASE WHEN g % 4 = 0 THEN NULL ELSE (${users.map((u) => u.id)}::text[])[1 + g % 10] END,
                 CASE WHEN g % 20 = 0 THEN ARRAY['vip'] WHEN g % 7 = 0 THEN ARRAY['billing'] ELSE '{}' END,
                 CASE WHEN g % 50 = 0 THEN now() + interval '1 day' END
            FROM generate_series(1, ${sizes.contacts}::int) g
            CROSS JOIN LATERAL (VALUES ('sms', 's'), ('email', 'e')) AS c(channel, channel_code)
           WHERE c.channel = 'sms' OR g % 10 = 0`;
        const words = ['boiler', 'leak', 'quote', 'invoice', 'tomorrow', 'kitchen', 'tap', 'radiator', 'appointment', 'thanks', 'price', 'monday'];
        await tx.$executeRaw`
          INSERT INTO messages (id, tenant_id, contact_id, thread_id, direction, channel, body, status, origin, created_at, sent_at)
          SELECT 'msg_' || ${tag} || lpad(m::text, 24, '0'), ${tenantId}, t.contact_id, t.id,
                 CASE WHEN m % 2 = 0 THEN 'inbound' ELSE 'outbound' END::message_direction, t.channel,
                 'Hi, about the ' || (${words}::text[])[1 + m % 12] || ' and the ' || (${words}::text[])[1 + (m / 12) % 12] || ', message ' || m,
                 CASE WHEN m % 2 = 0 THEN 'received' WHEN m % 97 = 0 THEN 'failed' ELSE 'delivered' END::message_status,
                 CASE WHEN m % 2 = 0 THEN NULL ELSE 'api' END,
                 t.last_message_at - make_interval(secs => (m % 10) * 3600),
                 CASE WHEN m % 2 = 1 THEN t.last_message_at - make_interval(secs => (m % 10) * 3600) END
            FROM generate_series(1, ${sizes.messages}::int) m
            JOIN threads t ON t.tenant_id = ${tenantId} AND t.id = 'thr_' || ${tag} || lpad((1 + m % ${sizes.contacts}::int)::text, 23, '0') || 's'`;
        // Half of the first agent's threads read a minute after their last message.
        await tx.$executeRaw`
          INSERT INTO thread_reads (tenant_id, thread_id, user_id, read_at)
          SELECT tenant_id, id, ${users[0]!.id}, last_inbound_at + interval '1 minute' FROM threads
           WHERE tenant_id = ${tenantId} AND assignee_id = ${users[0]!.id} AND abs(hashtext(id)) % 2 = 0`;
        return { tenantId, userId: users[0]!.id };
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  } finally {
    await prisma.$disconnect();
  }
}

async function explain(databaseUrl: string, tenantId: string, userId: string): Promise<void> {
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 1 });
  try {
    await prisma.$executeRawUnsafe('ANALYZE');
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
    for (const [name, sql] of queries) {
      const plan = await prisma.$queryRaw<Array<{ 'QUERY PLAN': string }>>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
      const lines = plan.map((r) => r['QUERY PLAN']);
      console.log(`\n── ${name}: ${lines.find((l) => l.startsWith('Execution Time')) ?? ''}`);
      console.log(lines.join('\n'));
    }
  } finally {
    await prisma.$disconnect();
  }
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const sizes = { contacts: Number(values.contacts), messages: Number(values.messages) };
  const started = Date.now();
  const { tenantId, userId } = await seedInbox(databaseUrl, sizes);
  console.log(`seeded tenant ${tenantId}: ${sizes.contacts} contacts, ${sizes.messages} messages in ${Math.round((Date.now() - started) / 1000)} s`);
  if (values.explain) await explain(databaseUrl, tenantId, userId);
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
