import { SequenceSettingsSchema } from '../domain/schemas/sequence';
import { toVersionStep, type VersionStep } from '../prisma/queries/sequences/get-version-with-steps';
import { emptySequenceStats, type SequenceStatsById } from '../prisma/queries/sequences/sequence-stats';
import { draftVersionOf, publishedVersionOf } from '../prisma/queries/sequences/sequences';
import { temporalListUrl, temporalRunUrl, type TemporalWebConfig } from '../domain/temporal-web-links';
import type { EnrollmentState } from '../workflows/definitions';
import { contactName, iso } from './views';

type VersionRow = { id: string; version: number; publishedAt: Date | null; settings: unknown; createdAt: Date; steps: VersionStep[] };
type SequenceRow = { id: string; name: string; createdAt: Date; updatedAt: Date; versions: VersionRow[] };

export function toVersionView(v: VersionRow) {
  return {
    id: v.id,
    version: v.version,
    publishedAt: iso(v.publishedAt),
    settings: SequenceSettingsSchema.parse(v.settings ?? {}),
    // The approved template's frozen text stays inside: the step names the template and its Content SID.
    steps: v.steps.map((step) => {
      const { approvedBody: _text, ...view } = toVersionStep(step);
      return view;
    }),
  };
}

/**
 * The published version enrollments start on, the draft being edited (if any), and every version's number, with
 * the enrollment counts of the sequence and of each version (`sequenceStats`; none yet when absent).
 */
export function toSequenceView(row: SequenceRow, web: TemporalWebConfig, stats: SequenceStatsById | undefined) {
  const published = publishedVersionOf(row.versions);
  const draft = draftVersionOf(row.versions);
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    published: published ? toVersionView(published) : null,
    draft: draft ? toVersionView(draft) : null,
    versions: row.versions.map((v) => ({ id: v.id, version: v.version, publishedAt: iso(v.publishedAt), stats: stats?.versions.get(v.id) ?? emptySequenceStats() })),
    stats: stats?.sequence ?? emptySequenceStats(),
    temporalRunsUrl: temporalListUrl(web, `SequenceId="${row.id}"`),
  };
}

type EnrollmentRow = {
  id: string;
  sequenceId: string;
  versionId: string;
  contactId: string;
  contact: { firstName: string | null; lastName: string | null };
  status: string;
  currentStep: number;
  nextSendAt: Date | null;
  stopReason: string | null;
  workflowId: string | null;
  startedAt: Date;
  endedAt: Date | null;
  pausedAt: Date | null;
  bulkEnrollmentId: string | null;
};

export function toEnrollmentView(row: EnrollmentRow, web: TemporalWebConfig, live?: EnrollmentState | null) {
  return {
    id: row.id,
    sequenceId: row.sequenceId,
    versionId: row.versionId,
    contactId: row.contactId,
    contactName: contactName(row.contact),
    status: row.status,
    currentStep: row.currentStep,
    nextSendAt: iso(row.nextSendAt),
    stopReason: row.stopReason,
    startedAt: row.startedAt.toISOString(),
    endedAt: iso(row.endedAt),
    pausedAt: iso(row.pausedAt),
    bulkEnrollmentId: row.bulkEnrollmentId,
    workflowId: row.workflowId,
    temporalUrl: row.workflowId ? temporalRunUrl(web, row.workflowId) : null,
    ...(live !== undefined ? { live } : {}),
  };
}

type BulkRow = {
  id: string;
  sequenceId: string;
  status: string;
  criteria: unknown;
  total: number;
  enrolled: number;
  skipped: number;
  workflowId: string | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

export function toBulkEnrollmentView(row: BulkRow, web: TemporalWebConfig) {
  return {
    id: row.id,
    sequenceId: row.sequenceId,
    status: row.status,
    criteria: row.criteria,
    total: row.total,
    enrolled: row.enrolled,
    skipped: row.skipped,
    /** Contacts not yet looked at. */
    remaining: Math.max(0, row.total - row.enrolled - row.skipped),
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: iso(row.finishedAt),
    workflowId: row.workflowId,
    temporalUrl: row.workflowId ? temporalRunUrl(web, row.workflowId) : null,
  };
}

type TemplateRow = { id: string; name: string; channel: string; subject: string | null; body: string; contentSid: string | null; createdAt: Date; updatedAt: Date };

export function toTemplateView(row: TemplateRow) {
  return { id: row.id, name: row.name, channel: row.channel, subject: row.subject, body: row.body, contentSid: row.contentSid, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
