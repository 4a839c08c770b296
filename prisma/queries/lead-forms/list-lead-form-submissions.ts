import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';

export interface LeadFormSubmissionFilter {
  formId: string;
  utmSource?: string | undefined;
  utmCampaign?: string | undefined;
}

const where = (filter: LeadFormSubmissionFilter): Prisma.LeadFormSubmissionWhereInput => ({
  formId: filter.formId,
  ...(filter.utmSource !== undefined ? { utmSource: filter.utmSource } : {}),
  ...(filter.utmCampaign !== undefined ? { utmCampaign: filter.utmCampaign } : {}),
});

/** A form's submissions with their contacts, newest first; keyset-paged on (created_at, id) after `cursor`. */
export function listLeadFormSubmissions(db: TenantDb, filter: LeadFormSubmissionFilter, page: { limit: number; cursor?: string | undefined }) {
  return db.leadFormSubmission.findMany({
    where: where(filter),
    include: { contact: { select: { id: true, firstName: true, lastName: true, phone: true, email: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
}

const TOP = 20;

/**
 * Totals over all of a form's (filtered) submissions, counted in Postgres on the form's index: in all, distinct
 * contacts, and per utm_source and utm_campaign, most first. Raw SQL names the tenant (row-level security holds
 * it to the scope's tenant too).
 */
export async function countLeadFormSubmissions(db: TenantDb, filter: LeadFormSubmissionFilter) {
  const conditions = Prisma.join(
    [
      Prisma.sql`tenant_id = ${db.$tenantId()}`,
      Prisma.sql`form_id = ${filter.formId}`,
      ...(filter.utmSource !== undefined ? [Prisma.sql`utm_source = ${filter.utmSource}`] : []),
      ...(filter.utmCampaign !== undefined ? [Prisma.sql`utm_campaign = ${filter.utmCampaign}`] : []),
    ],
    ' AND ',
  );
  const [totals] = await db.$queryRaw<Array<{ submissions: number; contacts: number }>>`
    SELECT count(*)::int AS submissions, count(DISTINCT contact_id)::int AS contacts FROM lead_form_submissions WHERE ${conditions}`;
  const bySource = await db.$queryRaw<Array<{ value: string | null; submissions: number }>>`
    SELECT utm_source AS value, count(*)::int AS submissions FROM lead_form_submissions WHERE ${conditions}
     GROUP BY utm_source ORDER BY count(*) DESC, utm_source NULLS LAST LIMIT ${TOP}`;
  const byCampaign = await db.$queryRaw<Array<{ value: string | null; submissions: number }>>`
    SELECT utm_campaign AS value, count(*)::int AS submissions FROM lead_form_submissions WHERE ${conditions}
     GROUP BY utm_campaign ORDER BY count(*) DESC, utm_campaign NULLS LAST LIMIT ${TOP}`;
  return { submissions: totals?.submissions ?? 0, contacts: totals?.contacts ?? 0, bySource, byCampaign };
}
