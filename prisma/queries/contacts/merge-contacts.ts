import { AppError, ErrorCodes } from '../../../domain/errors';
import type { Prisma } from '../../client';
import type { TenantDb, TenantTx } from '../../tenant-scope';
import type { Actor } from '../../../domain/audit';
import { recordEvent } from '../event-logs/record-event';
import { contactNotFound, getContactOrThrow } from './get-contact-or-throw';

type ContactRow = Awaited<ReturnType<typeof getContactOrThrow>>;

/** Fields the kept contact takes from the duplicate when it has none. */
const FILLED = ['firstName', 'lastName', 'phone', 'email', 'timeZone', 'source', 'stageId'] as const;
const CONSENT = [
  { channel: 'sms', status: 'smsConsent', at: 'smsConsentAt' },
  { channel: 'whatsapp', status: 'whatsappConsent', at: 'whatsappConsentAt' },
  { channel: 'email', status: 'emailConsent', at: 'emailConsentAt' },
] as const;

export interface MergeOutcome {
  mergedId: string;
  fieldsTaken: string[];
  customPropertiesTaken: string[];
  consentTaken: string[];
  threads: { moved: number; joined: number };
  messages: number;
  quotes: number;
  leadFormSubmissions: number;
  enrollments: number;
  relationships: { moved: number; joined: number };
  /** The duplicate's values the kept contact had its own of: gone with it (answered once, never logged). */
  discarded: Record<string, unknown>;
  /** The duplicate's running enrollments in sequences the kept contact runs too: the caller stops them. */
  duplicateEnrollments: Array<{ id: string; workflowId: string }>;
}

const later = (x: Date | null, y: Date | null) => (x && y ? (x > y ? x : y) : (x ?? y));

/** Consent after the merge, per channel: an opt-out on either side wins (the later one's time); else the kept contact's, or the duplicate's where it has none. */
function mergedConsent(a: ContactRow, b: ContactRow) {
  const data: Record<string, unknown> = {};
  const taken: string[] = [];
  for (const { channel, status, at } of CONSENT) {
    let next: { status: string; at: Date | null };
    if (a[status] === 'revoked' || b[status] === 'revoked') {
      next = a[status] === 'revoked' && b[status] === 'revoked' ? { status: 'revoked', at: later(a[at], b[at]) } : a[status] === 'revoked' ? { status: 'revoked', at: a[at] } : { status: 'revoked', at: b[at] };
    } else {
      next = a[status] === 'unknown' && b[status] !== 'unknown' ? { status: b[status], at: b[at] } : { status: a[status], at: a[at] };
    }
    if (next.status !== a[status] || next.at?.getTime() !== a[at]?.getTime()) {
      data[status] = next.status;
      data[at] = next.at;
      taken.push(channel);
    }
  }
  return { data, taken };
}

/** One thread per contact and channel: the duplicate's thread on a channel the kept contact has joins the kept one. */
async function joinThread(tx: TenantTx, tenantId: string, kept: { id: string; status: string; labels: string[]; unreadCount: number; lastMessageAt: Date | null; lastInboundAt: Date | null; assigneeId: string | null; snoozedUntil: Date | null }, gone: typeof kept) {
  await tx.$executeRaw`UPDATE messages SET thread_id = ${kept.id}, updated_at = now() WHERE tenant_id = ${tenantId} AND thread_id = ${gone.id}`;
  await tx.$executeRaw`UPDATE notes SET thread_id = ${kept.id} WHERE tenant_id = ${tenantId} AND thread_id = ${gone.id}`;
  // A member who read one thread further than the other has not read the rest: the earlier read time holds.
  await tx.$executeRaw`
    INSERT INTO thread_reads (tenant_id, thread_id, user_id, read_at)
    SELECT tenant_id, ${kept.id}, user_id, read_at FROM thread_reads WHERE tenant_id = ${tenantId} AND thread_id = ${gone.id}
    ON CONFLICT (tenant_id, thread_id, user_id) DO UPDATE SET read_at = LEAST(thread_reads.read_at, EXCLUDED.read_at)`;
  const open = kept.status === 'open' || gone.status === 'open';
  await tx.thread.updateMany({
    where: { id: kept.id },
    data: {
      labels: [...new Set([...kept.labels, ...gone.labels])].sort(),
      unreadCount: kept.unreadCount + gone.unreadCount,
      lastMessageAt: later(kept.lastMessageAt, gone.lastMessageAt),
      lastInboundAt: later(kept.lastInboundAt, gone.lastInboundAt),
      status: open ? 'open' : 'closed',
      assigneeId: kept.assigneeId ?? gone.assigneeId,
      snoozedUntil: kept.status === 'open' ? kept.snoozedUntil : gone.snoozedUntil,
      updatedAt: new Date(),
    },
  });
  await tx.thread.deleteMany({ where: { id: gone.id } });
}

/**
 * Merges contact `sourceId` (the duplicate, B) into `intoId` (kept, A) in one transaction: B's threads, messages,
 * notes, enrollments, quotes and relationships become A's (a thread of a channel A has joins A's thread; a
 * relationship to a company or project A has joins A's, its roles united); A keeps its values and takes B's where
 * it has none (custom properties too); consent takes the most restrictive; B's id points at A from then on
 * (contact_merges), and B's row goes. Recorded as contact.merged on A with its author and the fields taken.
 *
 * Both rows are locked first, in id order, so two merges of the same contacts — either way round — run one after
 * the other, and the second finds its duplicate gone (a 404 that says where it went).
 */
export async function mergeContacts(db: TenantDb, intoId: string, sourceId: string, actor: Actor): Promise<{ contact: ContactRow; outcome: MergeOutcome }> {
  if (intoId === sourceId) throw new AppError(ErrorCodes.VALIDATION, 'sourceId: a contact cannot be merged into itself');
  const tenantId = db.$tenantId();
  return db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM contacts WHERE tenant_id = ${tenantId} AND id = ANY (${[intoId, sourceId]}::text[]) ORDER BY id FOR UPDATE`;
      for (const id of [intoId, sourceId]) if (!locked.some((r) => r.id === id)) throw await contactNotFound(tx, id);
      const a = await getContactOrThrow(tx, intoId);
      const b = await getContactOrThrow(tx, sourceId);

      const threads = { moved: 0, joined: 0 };
      const keptThreads = await tx.thread.findMany({ where: { contactId: a.id } });
      for (const gone of await tx.thread.findMany({ where: { contactId: b.id } })) {
        const kept = keptThreads.find((t) => t.channel === gone.channel);
        if (kept) {
          await joinThread(tx, tenantId, kept, gone);
          threads.joined++;
        } else {
          await tx.thread.updateMany({ where: { id: gone.id }, data: { contactId: a.id, updatedAt: new Date() } });
          threads.moved++;
        }
      }

      const open = { status: { in: ['active', 'paused'] as Array<'active' | 'paused'> } };
      const keptSequences = new Set((await tx.enrollment.findMany({ where: { contactId: a.id, ...open }, select: { sequenceId: true } })).map((e) => e.sequenceId));
      const duplicateEnrollments = (await tx.enrollment.findMany({ where: { contactId: b.id, ...open, workflowId: { not: null } }, select: { id: true, sequenceId: true, workflowId: true } }))
        .filter((e) => keptSequences.has(e.sequenceId))
        .map((e) => ({ id: e.id, workflowId: e.workflowId! }));
      const messages = (await tx.message.updateMany({ where: { contactId: b.id }, data: { contactId: a.id } })).count;
      const quotes = (await tx.quote.updateMany({ where: { contactId: b.id }, data: { contactId: a.id } })).count;
      const enrollments = (await tx.enrollment.updateMany({ where: { contactId: b.id }, data: { contactId: a.id } })).count;
      // Where B came from stays known: its form submissions (page, UTM, consent wording) are A's now.
      const leadFormSubmissions = (await tx.leadFormSubmission.updateMany({ where: { contactId: b.id }, data: { contactId: a.id } })).count;

      const relationships = { moved: 0, joined: 0 };
      const keptRelationships = await tx.relationship.findMany({ where: { contactId: a.id } });
      for (const gone of await tx.relationship.findMany({ where: { contactId: b.id } })) {
        const kept = keptRelationships.find((r) => (gone.companyId ? r.companyId === gone.companyId : r.projectId === gone.projectId));
        if (kept) {
          await tx.relationship.deleteMany({ where: { id: gone.id } });
          await tx.relationship.updateMany({
            where: { id: kept.id },
            data: { roles: [...new Set([...kept.roles, ...gone.roles])].sort(), title: kept.title ?? gone.title, updatedAt: new Date() },
          });
          relationships.joined++;
        } else {
          await tx.relationship.updateMany({ where: { id: gone.id }, data: { contactId: a.id, updatedAt: new Date() } });
          relationships.moved++;
        }
      }

      // B's id — and every id that was merged into B — now stands for A.
      await tx.contactMerge.updateMany({ where: { intoContactId: b.id }, data: { intoContactId: a.id } });
      await tx.contactMerge.create({ data: { tenantId, mergedContactId: b.id, intoContactId: a.id } });

      const data: Record<string, unknown> = {};
      const fieldsTaken: string[] = [];
      const discarded: Record<string, unknown> = {};
      for (const field of FILLED) {
        if (a[field] === null && b[field] !== null) {
          data[field] = b[field];
          fieldsTaken.push(field);
        } else if (a[field] !== null && b[field] !== null && a[field] !== b[field] && field !== 'source') discarded[field] = b[field];
      }
      if (fieldsTaken.includes('stageId')) data.stageChangedAt = b.stageChangedAt;
      const aProps = (a.customProperties ?? {}) as Record<string, unknown>;
      const bProps = (b.customProperties ?? {}) as Record<string, unknown>;
      const customPropertiesTaken = Object.keys(bProps).filter((k) => bProps[k] !== null && (aProps[k] === undefined || aProps[k] === null));
      const discardedProps = Object.keys(bProps).filter((k) => bProps[k] !== null && aProps[k] !== undefined && aProps[k] !== null && JSON.stringify(aProps[k]) !== JSON.stringify(bProps[k]));
      if (discardedProps.length) discarded.customProperties = Object.fromEntries(discardedProps.map((k) => [k, bProps[k]]));
      if (customPropertiesTaken.length) data.customProperties = { ...aProps, ...Object.fromEntries(customPropertiesTaken.map((k) => [k, bProps[k]])) } as Prisma.InputJsonValue;
      const consent = mergedConsent(a, b);
      Object.assign(data, consent.data);
      const whatsapp = later(a.lastInboundWhatsappAt, b.lastInboundWhatsappAt);
      if (whatsapp?.getTime() !== a.lastInboundWhatsappAt?.getTime()) data.lastInboundWhatsappAt = whatsapp;

      // B goes before A takes its phone or email: the tenant's unique phone and email would refuse both at once.
      await tx.contact.deleteMany({ where: { id: b.id } });
      await tx.contact.updateMany({ where: { id: a.id }, data: { ...data, updatedAt: new Date() } });

      const outcome: MergeOutcome = {
        mergedId: b.id,
        fieldsTaken,
        customPropertiesTaken,
        consentTaken: consent.taken,
        threads,
        messages,
        quotes,
        leadFormSubmissions,
        enrollments,
        relationships,
        discarded,
        duplicateEnrollments,
      };
      const { discarded: _values, duplicateEnrollments: _running, ...logged } = outcome;
      await recordEvent(tx, { type: 'contact.merged', subjectType: 'contact', subjectId: a.id, actor, data: logged });
      return { contact: await getContactOrThrow(tx, a.id), outcome };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
