import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, Resolver } from 'react-hook-form';
import type { Channel } from '../../../../domain/channels';
import { CreateSequenceSchema, type CreateSequence, type SequenceSettings, type SequenceView } from '../../../../domain/schemas/sequence';
import { sequenceStepProblems } from '../../../../domain/sequence-step-problems';
import type { ApiError } from '../../../lib/api-error';

type WaitUnit = 'minutes' | 'hours' | 'days' | 'business_days';

/**
 * A step as the builder edits it: both the template and the inline text stay in the form while you switch
 * between them (`source` says which one the step uses), and blank fields are empty strings. `toSequenceInput`
 * turns it into what the API takes; the shared schema then checks that, with its own paths, so its messages
 * land under the fields they concern.
 */
export interface StepFormValues {
  channel: Channel;
  waitAmount: number;
  waitUnit: WaitUnit;
  source: 'text' | 'template';
  templateId: string;
  subject: string;
  body: string;
  /** WhatsApp: the approved template sent instead when the contact's 24-hour window is closed ('' for none). */
  approvedTemplateId: string;
}

export interface SequenceFormValues {
  name: string;
  settings: {
    stopOnReply: boolean;
    sendWindowMode: 'tenant' | 'always' | 'custom';
    /** The quiet window of the sequence's own, used when sendWindowMode is custom. */
    sendWindow: { quietStart: string; quietEnd: string };
    missingChannel: 'skip' | 'stop';
    reenroll: 'after-end' | 'never';
  };
  steps: StepFormValues[];
}

export const newStep = (previous?: StepFormValues): StepFormValues => ({
  channel: previous?.channel ?? 'sms',
  waitAmount: previous ? 1 : 0,
  waitUnit: previous ? 'days' : 'minutes',
  source: 'text',
  templateId: '',
  subject: '',
  body: '',
  approvedTemplateId: '',
});

export function emptySequenceForm(): SequenceFormValues {
  return {
    name: '',
    settings: { stopOnReply: true, sendWindowMode: 'tenant', sendWindow: { quietStart: '20:00', quietEnd: '09:00' }, missingChannel: 'skip', reenroll: 'after-end' },
    steps: [newStep()],
  };
}

/** The version the builder starts from: the draft being edited, else the published one (saving makes the next draft). */
export function editedVersion(sequence: SequenceView) {
  return sequence.draft ?? sequence.published;
}

export function toFormValues(sequence: SequenceView): SequenceFormValues {
  const version = editedVersion(sequence);
  if (!version) return { ...emptySequenceForm(), name: sequence.name };
  const window = version.settings.sendWindow;
  return {
    name: sequence.name,
    settings: {
      stopOnReply: version.settings.stopOnReply,
      sendWindowMode: typeof window === 'string' ? window : 'custom',
      sendWindow: typeof window === 'string' ? { quietStart: '20:00', quietEnd: '09:00' } : window,
      missingChannel: version.settings.missingChannel,
      reenroll: version.settings.reenroll,
    },
    steps: version.steps.map((step) => ({
      channel: step.channel,
      waitAmount: step.waitAmount,
      waitUnit: step.waitUnit,
      // A published step keeps the template it came from and a frozen copy of its text: it stays a template step.
      source: step.templateId ? 'template' : 'text',
      templateId: step.templateId ?? '',
      subject: step.templateId ? '' : (step.subject ?? ''),
      body: step.templateId ? '' : (step.body ?? ''),
      approvedTemplateId: step.approvedTemplateId ?? '',
    })),
  };
}

const blankToUndefined = (value: string) => (value === '' ? undefined : value);

/** What the API takes: only the fields the step's choices use, blanks left out (the schema says what is missing). */
export function toSequenceInput(values: SequenceFormValues): { name: string; settings: SequenceSettings; steps: unknown[] } {
  const { sendWindowMode, sendWindow, ...settings } = values.settings;
  return {
    name: values.name,
    settings: { ...settings, sendWindow: sendWindowMode === 'custom' ? sendWindow : sendWindowMode },
    steps: values.steps.map((step) => {
      const approved = step.channel === 'whatsapp' && step.approvedTemplateId ? { approvedTemplateId: step.approvedTemplateId } : {};
      const base = { channel: step.channel, waitAmount: step.waitAmount, waitUnit: step.waitUnit, ...approved };
      if (step.source === 'template') return { ...base, templateId: blankToUndefined(step.templateId) };
      return { ...base, body: blankToUndefined(step.body), ...(step.channel === 'email' ? { subject: blankToUndefined(step.subject) } : {}) };
    }),
  };
}

const sharedSchema = zodResolver(CreateSequenceSchema, {
  // Plain words where the schema's own would say "expected number, received NaN".
  error: (issue) => {
    const last = issue.path?.[issue.path.length - 1];
    if (last === 'waitAmount' && issue.code === 'invalid_type') return 'Enter how long to wait, as a whole number (0 for at once)';
    if (last === 'templateId' && issue.input === undefined && issue.code === 'invalid_type') return 'Choose a template';
    if (last === 'name' && issue.code === 'too_small') return 'Name the sequence';
    return undefined;
  },
});

function setError(errors: FieldErrors<SequenceFormValues>, path: string, message: string): void {
  const parts = path.split('.');
  let node = errors as Record<string, unknown>;
  parts.slice(0, -1).forEach((part, i) => {
    node[part] ??= /^\d+$/.test(parts[i + 1]!) ? [] : {};
    node = node[part] as Record<string, unknown>;
  });
  node[parts[parts.length - 1]!] ??= { type: 'template', message };
}

/**
 * The builder's resolver: the shared CreateSequenceSchema (through @hookform/resolvers/zod) on what the API
 * would receive, then the domain's own check of the texts' {{variables}} — the one the API runs on save — so
 * an unknown variable shows under its field as you type, not after a round trip.
 */
export const sequenceFormResolver: Resolver<SequenceFormValues, unknown, CreateSequence> = async (values, context, options) => {
  const input = toSequenceInput(values);
  const result = await sharedSchema(input as never, context, options as never);
  const errors = { ...(result.errors as FieldErrors<SequenceFormValues>) };
  const steps = input.steps as CreateSequence['steps'];
  for (const problem of sequenceStepProblems(steps.map((s) => ({ ...s, waitUnit: s.waitUnit ?? 'days' })))) setError(errors, problem.path, problem.message);
  if (Object.keys(errors).length > 0) return { values: {}, errors };
  return { values: result.values as CreateSequence, errors: {} };
};

/**
 * Where the API put what it refused, as form paths with messages: the issues of a 400, the problems of a
 * 422 (unknown variables, a template of another channel), the name of a 409.
 */
export function serverFieldErrors(error: ApiError): Array<{ path: string; message: string }> {
  if (error.code === 'CONFLICT' && /name/i.test(error.message)) return [{ path: 'name', message: error.message }];
  const problems = error.extra.details?.problems;
  const placed = Array.isArray(problems) ? problems.filter((p): p is { path: string; message: string } => typeof p?.path === 'string' && typeof p?.message === 'string') : [];
  return [...(error.extra.issues ?? []), ...placed].filter((p) => p.path !== '').map(({ path, message }) => ({ path, message }));
}
