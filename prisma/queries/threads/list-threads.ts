import { containsPattern, prefixTsQuery, THREAD_COUNT_LIMIT, type ThreadCursor } from '../../../domain/inbox';
import type { Channel } from '../../../domain/channels';
import type { ThreadState } from '../../../domain/schemas/inbox';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';

export interface ThreadListFilters {
  /** The calling member; null for an API key (no "mine", no unread state). */
  userId: string | null;
  assignee?: 'mine' | 'unassigned' | undefined;
  unread?: boolean | undefined;
  channel?: Channel | undefined;
  status?: ThreadState | undefined;
  label?: string | undefined;
  q?: string | undefined;
  /** One thread (its summary after a change). */
  threadId?: string | undefined;
}

export interface ThreadListRow {
  id: string;
  channel: Channel;
  status: 'open' | 'closed';
  snoozedUntil: Date | null;
  labels: string[];
  lastMessageAt: Date | null;
  assigneeId: string | null;
  assigneeName: string | null;
  contactId: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  lastMessageId: string | null;
  lastDirection: 'inbound' | 'outbound' | null;
  lastPreview: string | null;
  lastStatus: string | null;
  lastCreatedAt: Date | null;
  unreadCount: number;
}

/** The WHERE conditions the list and the counts share (threads aliased t). */
export function threadConditions(tenantId: string, filters: ThreadListFilters, now: Date): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`t.tenant_id = ${tenantId}`];
  if (filters.assignee === 'mine') where.push(Prisma.sql`t.assignee_id = ${filters.userId}`);
  if (filters.assignee === 'unassigned') where.push(Prisma.sql`t.assignee_id IS NULL`);
  if (filters.channel) where.push(Prisma.sql`t.channel = ${filters.channel}::channel`);
  if (filters.status === 'closed') where.push(Prisma.sql`t.status = 'closed'`);
  if (filters.status === 'open') where.push(Prisma.sql`t.status = 'open' AND (t.snoozed_until IS NULL OR t.snoozed_until <= ${now})`);
  if (filters.status === 'snoozed') where.push(Prisma.sql`t.status = 'open' AND t.snoozed_until > ${now}`);
  if (filters.label) where.push(Prisma.sql`t.labels @> ARRAY[${filters.label}]::text[]`);
  if (filters.unread) {
    // The contact wrote since the member last read it (or the member never did). NOT EXISTS rather than a scalar
    // subquery per thread: the planner may then join the member's reads in one pass (a merge or hash anti-join),
    // which matters for a member who has read most of a large tenant's threads.
    where.push(Prisma.sql`t.last_inbound_at IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM thread_reads r
       WHERE r.tenant_id = t.tenant_id AND r.thread_id = t.id AND r.user_id = ${filters.userId} AND r.read_at >= t.last_inbound_at)`);
  }
  if (filters.threadId) where.push(Prisma.sql`t.id = ${filters.threadId}`);
  return where;
}

/**
 * The threads a search finds: contacts by name, phone or email (trigram index on their concatenation; a phone
 * typed with spaces or dashes is matched on its digits) and messages by their words (full-text index). Found
 * first and apart from the page's order: walking the activity index and testing each thread against the search
 * would read most of a large tenant's threads to fill a page of rare matches. The search runs in
 * `herald_search_thread_ids` (migration *_inbox_search_under_rls.sql), which keeps to the transaction's tenant
 * and can use the indexes that row-level security would otherwise rule out.
 */
function searchHits(q: string): Prisma.Sql {
  const digits = q.replace(/[\s().-]/g, '');
  const digitsPattern = /^\+?\d{3,}$/.test(digits) && digits !== q ? containsPattern(digits) : null;
  return Prisma.sql`SELECT herald_search_thread_ids(${containsPattern(q)}, ${digitsPattern}, ${prefixTsQuery(q)})`;
}

/**
 * One page of threads, newest activity first, keyset-paged on (last_message_at, id). The page is chosen first
 * (on the thread indexes alone); its contacts, assignees, last messages and the member's unread counts are
 * read for those rows only, so a page costs the same on a tenant of any size.
 */
export async function listThreads(
  db: TenantDb,
  filters: ThreadListFilters,
  page: { limit: number; cursor?: ThreadCursor | undefined; now: Date },
): Promise<{ rows: ThreadListRow[]; next: ThreadCursor | null }> {
  const rows = await db.$queryRaw<ThreadListRow[]>(listThreadsSql(db.$tenantId(), filters, page));
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown.at(-1);
  return { rows: shown, next: more && last?.lastMessageAt ? { at: last.lastMessageAt, id: last.id } : null };
}

/** The list's SQL (also what bench/seed-inbox.ts EXPLAINs). */
export function listThreadsSql(tenantId: string, filters: ThreadListFilters, page: { limit: number; cursor?: ThreadCursor | undefined; now: Date }): Prisma.Sql {
  const where = threadConditions(tenantId, filters, page.now);
  // Every thread gets last_message_at when it is made; NULL would sort last and never satisfy the cursor.
  where.push(Prisma.sql`t.last_message_at IS NOT NULL`);
  if (page.cursor) where.push(Prisma.sql`(t.last_message_at, t.id) < (${page.cursor.at}, ${page.cursor.id})`);
  // An array of the hits, looked up by primary key: the planner cannot misjudge how many a search finds and
  // scan every thread to join them.
  if (filters.q) where.push(Prisma.sql`t.id = ANY (ARRAY(${searchHits(filters.q)}))`);
  return Prisma.sql`
    WITH page AS (
      SELECT t.* FROM threads t
       WHERE ${Prisma.join(where, ' AND ')}
       ORDER BY t.last_message_at DESC NULLS LAST, t.id DESC
       LIMIT ${page.limit + 1}
    )
    SELECT p.id, p.channel::text AS channel, p.status::text AS status, p.snoozed_until AS "snoozedUntil", p.labels,
           p.last_message_at AS "lastMessageAt", p.assignee_id AS "assigneeId", u.name AS "assigneeName",
           c.id AS "contactId", c.first_name AS "firstName", c.last_name AS "lastName", c.phone, c.email,
           lm.id AS "lastMessageId", lm.direction::text AS "lastDirection", left(lm.body, 140) AS "lastPreview",
           lm.status::text AS "lastStatus", lm.created_at AS "lastCreatedAt",
           ${unreadCountSql(filters.userId)} AS "unreadCount"
      FROM page p
      JOIN contacts c ON c.tenant_id = p.tenant_id AND c.id = p.contact_id
      LEFT JOIN users u ON u.tenant_id = p.tenant_id AND u.id = p.assignee_id
      LEFT JOIN LATERAL (
        SELECT m.id, m.direction, m.body, m.status, m.created_at FROM messages m
         WHERE m.tenant_id = p.tenant_id AND m.thread_id = p.id
         ORDER BY m.created_at DESC, m.id DESC LIMIT 1
      ) lm ON true
     ORDER BY p.last_message_at DESC NULLS LAST, p.id DESC`;
}

/** Inbound messages on thread p after the member last read it; 0 without a member. */
function unreadCountSql(userId: string | null): Prisma.Sql {
  if (!userId) return Prisma.sql`0`;
  return Prisma.sql`(
    SELECT count(*)::int FROM messages m
     WHERE m.tenant_id = p.tenant_id AND m.thread_id = p.id AND m.direction = 'inbound'
       AND m.created_at > coalesce((SELECT r.read_at FROM thread_reads r WHERE r.tenant_id = p.tenant_id AND r.thread_id = p.id AND r.user_id = ${userId}), '-infinity'))`;
}

/**
 * The sidebar's counts over open (not snoozed) threads, for the member (mine and unread are 0 without one): the
 * threads the list shows under each filter (the same conditions), counted up to THREAD_COUNT_LIMIT — a count
 * equal to it means "that many or more". Counting every open thread of a large tenant on each list call cost
 * 72–160 ms at 73,000 open threads (docs/BENCHMARKS.md); stopping at the limit bounds the work whatever the
 * tenant's size. Each count is an index-only scan of the covering partial index of open threads (migration
 * *_thread_counts_index.sql), which row-level security leaves usable: its predicate is proven from the WHERE, and
 * no non-leakproof operator has to run before the policy.
 */
export async function countThreads(db: TenantDb, userId: string | null, now: Date) {
  const [row] = await db.$queryRaw<Array<{ all: number; mine: number; unassigned: number; unread: number }>>(countThreadsSql(db.$tenantId(), userId, now));
  return row ?? { all: 0, mine: 0, unassigned: 0, unread: 0 };
}

export function countThreadsSql(tenantId: string, userId: string | null, now: Date): Prisma.Sql {
  const upToLimit = (filters: Omit<ThreadListFilters, 'userId' | 'status'>) =>
    Prisma.sql`(SELECT count(*)::int FROM (
       SELECT 1 FROM threads t WHERE ${Prisma.join(threadConditions(tenantId, { userId, status: 'open', ...filters }, now), ' AND ')} LIMIT ${THREAD_COUNT_LIMIT}
     ) counted)`;
  const none = Prisma.sql`0`;
  return Prisma.sql`
    SELECT ${upToLimit({})} AS all,
           ${userId ? upToLimit({ assignee: 'mine' }) : none} AS mine,
           ${upToLimit({ assignee: 'unassigned' })} AS unassigned,
           ${userId ? upToLimit({ unread: true }) : none} AS unread`;
}
