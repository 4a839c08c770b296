import type { ContactView } from '../../../domain/schemas/contact';
import type { SequenceView } from '../../../domain/schemas/sequence';

type EnrollmentStatus = 'active' | 'paused' | 'completed' | 'stopped' | 'failed';
type WaitUnit = 'minutes' | 'hours' | 'days' | 'business_days';

export const ENROLLMENT_STATUS_LABELS: Record<EnrollmentStatus, string> = {
  active: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  stopped: 'Stopped',
  failed: 'Failed',
};

export function enrollmentStatusVariant(status: string): 'success' | 'secondary' | 'destructive' | 'outline' {
  if (status === 'active') return 'success';
  if (status === 'paused') return 'secondary';
  if (status === 'failed') return 'destructive';
  return 'outline';
}

const STOP_REASONS: Record<string, string> = {
  replied: 'The contact replied',
  opted_out: 'The contact opted out',
  manual: 'Stopped by hand',
  missing_channel: 'No phone or email for a step',
  send_failed: 'A send failed',
  sequence_empty: 'The version has no steps',
};

/** A stop reason in words; an unknown one as the API wrote it. */
export function stopReasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  return STOP_REASONS[reason] ?? reason.replaceAll('_', ' ');
}

export const WAIT_UNIT_LABELS: Record<WaitUnit, string> = { minutes: 'minutes', hours: 'hours', days: 'days', business_days: 'business days' };

/** "at once", "after 2 business days", "after 1 hour". */
export function waitLabel(amount: number, unit: WaitUnit): string {
  if (amount === 0) return 'at once';
  const word = WAIT_UNIT_LABELS[unit];
  return `after ${amount} ${amount === 1 ? word.replace(/s$/, '') : word}`;
}

/** "42%", "—" when nobody was enrolled yet. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** Draft or Published, the version enrollments start on (or the draft's), and a draft waiting to be published. */
export function sequenceStatus(sequence: Pick<SequenceView, 'published' | 'draft'>): { label: string; version: number; variant: 'success' | 'outline'; note: string } {
  if (sequence.published) {
    return { label: 'Published', version: sequence.published.version, variant: 'success', note: sequence.draft ? `v${sequence.published.version} · draft v${sequence.draft.version} waiting` : `v${sequence.published.version}` };
  }
  const version = sequence.draft?.version ?? 1;
  return { label: 'Draft', version, variant: 'outline', note: `v${version}` };
}

/** A contact's name, else their phone or email, else their id. */
export function contactLabel(contact: Pick<ContactView, 'id' | 'firstName' | 'lastName' | 'phone' | 'email'>): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.phone || contact.email || contact.id;
}
