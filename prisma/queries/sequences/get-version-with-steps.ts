import { AppError, ErrorCodes } from '../../../domain/errors';
import { SequenceSettingsSchema, type SequenceSettings } from '../../../domain/schemas/sequence';
import type { TenantDb } from '../../tenant-scope';

export interface VersionStep {
  position: number;
  channel: 'sms' | 'whatsapp' | 'email';
  waitAmount: number;
  waitUnit: 'minutes' | 'hours' | 'days' | 'business_days';
  templateId: string | null;
  /** Frozen at publish time for published versions (a template's later edits do not reach them). */
  subject: string | null;
  body: string | null;
  /** WhatsApp: the approved template sent instead when the contact's 24-hour window is closed. */
  approvedTemplateId: string | null;
  /** Frozen at publish (a step whose own template is approved is its own fallback). */
  approvedContentSid: string | null;
  approvedBody: string | null;
}

/** A step row as the rest of Herald sees it (no ids or tenant). */
export function toVersionStep(s: VersionStep): VersionStep {
  return {
    position: s.position,
    channel: s.channel,
    waitAmount: s.waitAmount,
    waitUnit: s.waitUnit,
    templateId: s.templateId,
    subject: s.subject,
    body: s.body,
    approvedTemplateId: s.approvedTemplateId,
    approvedContentSid: s.approvedContentSid,
    approvedBody: s.approvedBody,
  };
}

export interface VersionWithSteps {
  id: string;
  sequenceId: string;
  version: number;
  /** The sequence's name (for labels: "Welcome v3"). */
  sequenceName: string;
  publishedAt: Date | null;
  settings: SequenceSettings;
  steps: VersionStep[];
}

/** A sequence version with its steps in order and its settings with defaults applied. */
export async function getVersionWithSteps(db: TenantDb, versionId: string): Promise<VersionWithSteps> {
  const version = await db.sequenceVersion.findFirst({
    where: { id: versionId },
    include: { steps: { orderBy: { position: 'asc' } }, sequence: { select: { name: true } } },
  });
  if (!version) throw new AppError(ErrorCodes.NOT_FOUND, `Sequence version ${versionId} not found`, { details: { versionId } });
  return {
    id: version.id,
    sequenceId: version.sequenceId,
    version: version.version,
    sequenceName: version.sequence.name,
    publishedAt: version.publishedAt,
    settings: SequenceSettingsSchema.parse(version.settings ?? {}),
    steps: version.steps.map(toVersionStep),
  };
}
