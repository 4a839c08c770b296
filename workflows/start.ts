/**
 * How every Herald workflow is started, in one place: its id, its id policies, its search attributes (ids
 * only) and what "already started" and "Temporal unreachable" mean. The API, the worker's outbox relay and
 * parent workflows all start runs through these specs.
 *
 * Imported by workflow code too, so it holds no runtime import of @temporalio/client (types only).
 */
import type { Client } from '@temporalio/client';
import {
  defineSearchAttributeKey,
  SearchAttributeType,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type SearchAttributePair,
} from '@temporalio/common';
import {
  accountEmailWorkflowId,
  bulkEnrollmentWorkflowId,
  enrollmentWorkflowId,
  inboundWorkflowId,
  quoteWorkflowId,
  recheckSendsWorkflowId,
  scheduledMessageWorkflowId,
} from '../domain/derived-ids';
import { AppError, ErrorCodes } from '../domain/errors';
import { inboundRunSummary, messageRunSummary, quoteRunSummary } from '../domain/run-summaries';
import type { WorkflowOutboxStart } from '../domain/workflow-outbox';
import type { AccountEmailInput, BulkEnrollmentInput, EnrollmentInput, InboundMessageInput, QuoteInput, RecheckSendsInput, ScheduledMessageInput } from './definitions';

/** Ids only — never phone numbers or emails: search attributes are not encrypted. */
export const TenantIdKey = defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD);
export const ContactIdKey = defineSearchAttributeKey('ContactId', SearchAttributeType.KEYWORD);
export const MessageIdKey = defineSearchAttributeKey('MessageId', SearchAttributeType.KEYWORD);
export const SequenceIdKey = defineSearchAttributeKey('SequenceId', SearchAttributeType.KEYWORD);
export const QuoteIdKey = defineSearchAttributeKey('QuoteId', SearchAttributeType.KEYWORD);

/** Registered on the Temporal namespace at start-up (dev server flags, or the operator service). */
export const SEARCH_ATTRIBUTES = {
  TenantId: 'Keyword',
  ContactId: 'Keyword',
  MessageId: 'Keyword',
  SequenceId: 'Keyword',
  QuoteId: 'Keyword',
} as const;

export type HeraldWorkflowType =
  | 'sendScheduledMessageWorkflow'
  | 'handleInboundMessageWorkflow'
  | 'sequenceEnrollmentWorkflow'
  | 'sendQuoteWorkflow'
  | 'bulkEnrollmentWorkflow'
  | 'recheckPendingSendsWorkflow'
  | 'sendAccountEmailWorkflow';

/** Everything needed to start one run, by a client or as a child. */
export interface StartSpec<A = unknown> {
  workflowType: HeraldWorkflowType;
  workflowId: string;
  args: [A];
  workflowIdConflictPolicy: WorkflowIdConflictPolicy;
  workflowIdReusePolicy: WorkflowIdReusePolicy;
  typedSearchAttributes: SearchAttributePair[];
  /** One line for Temporal Web's list view; never personal data. */
  staticSummary?: string;
  /** Markdown shown on the run's page; never personal data. */
  staticDetails?: string;
}

interface Described {
  staticSummary?: string | undefined;
  staticDetails?: string | undefined;
}

const described = (d: Described) => ({
  ...(d.staticSummary ? { staticSummary: d.staticSummary } : {}),
  ...(d.staticDetails ? { staticDetails: d.staticDetails } : {}),
});

/**
 * One message, one run: a new message id never collides (FAIL); a derived one (a sequence step, a quote
 * message, a compliance reply, an owner notification) may be started twice by retries, and must then find the
 * run that exists (USE_EXISTING) rather than fail — and never run again once it ended (REJECT_DUPLICATE).
 */
export function scheduledMessageStart(
  input: ScheduledMessageInput & { contactId: string },
  options: Described & { derived?: boolean } = {},
): StartSpec<ScheduledMessageInput> {
  const { contactId, ...args } = input;
  return {
    workflowType: 'sendScheduledMessageWorkflow',
    workflowId: scheduledMessageWorkflowId(input.tenantId, input.messageId),
    args: [args],
    workflowIdConflictPolicy: options.derived ? WorkflowIdConflictPolicy.USE_EXISTING : WorkflowIdConflictPolicy.FAIL,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: [
      { key: TenantIdKey, value: input.tenantId },
      { key: ContactIdKey, value: contactId },
      { key: MessageIdKey, value: input.messageId },
    ],
    ...described(options),
  };
}

/** A redelivered webhook must not act twice on the same message: the existing run answers. */
export function inboundStart(input: InboundMessageInput, options: Described = {}): StartSpec<InboundMessageInput> {
  options = { staticSummary: inboundRunSummary(input.channel), ...options };
  return {
    workflowType: 'handleInboundMessageWorkflow',
    workflowId: inboundWorkflowId(input.tenantId, input.messageId),
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: [
      { key: TenantIdKey, value: input.tenantId },
      { key: ContactIdKey, value: input.contactId },
      { key: MessageIdKey, value: input.messageId },
    ],
    ...described(options),
  };
}

/** Enrollment: conflict FAIL while one runs (at most one active per sequence × contact); reuse after it ended. */
export function enrollmentStart(input: EnrollmentInput, options: Described = {}): StartSpec<EnrollmentInput> {
  return {
    workflowType: 'sequenceEnrollmentWorkflow',
    workflowId: enrollmentWorkflowId(input.tenantId, input.sequenceId, input.contactId),
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    typedSearchAttributes: [
      { key: TenantIdKey, value: input.tenantId },
      { key: ContactIdKey, value: input.contactId },
      { key: SequenceIdKey, value: input.sequenceId },
    ],
    ...described(options),
  };
}

/** Quote: never a second run for the same quote, whatever triggered the start. */
export function quoteStart(input: QuoteInput & { contactId: string }, options: Described = {}): StartSpec<QuoteInput> {
  return {
    workflowType: 'sendQuoteWorkflow',
    workflowId: quoteWorkflowId(input.tenantId, input.quoteId),
    args: [{ tenantId: input.tenantId, quoteId: input.quoteId }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: [
      { key: TenantIdKey, value: input.tenantId },
      { key: ContactIdKey, value: input.contactId },
      { key: QuoteIdKey, value: input.quoteId },
    ],
    ...described(options),
  };
}

export function bulkEnrollmentStart(input: BulkEnrollmentInput, options: Described = {}): StartSpec<BulkEnrollmentInput> {
  return {
    workflowType: 'bulkEnrollmentWorkflow',
    workflowId: bulkEnrollmentWorkflowId(input.tenantId, input.bulkEnrollmentId),
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: [
      { key: TenantIdKey, value: input.tenantId },
      { key: SequenceIdKey, value: input.sequenceId },
    ],
    ...described(options),
  };
}

/**
 * The run an outbox entry stands for (domain/workflow-outbox). The worker's relay and the API, right after the
 * commit that queued it, both start it from here, so the two starts are the same and the second is harmless.
 * An outbox message may be started twice (API and relay), hence `derived`: the second finds the first's run.
 */
export function workflowOutboxStart(start: WorkflowOutboxStart): StartSpec {
  switch (start.kind) {
    case 'quote':
      return quoteStart(
        { tenantId: start.tenantId, quoteId: start.quoteId, contactId: start.contactId },
        { staticSummary: quoteRunSummary(start.followUpDays ?? null) },
      );
    case 'message':
      return scheduledMessageStart(
        { tenantId: start.tenantId, messageId: start.messageId, contactId: start.contactId, scheduledAt: start.scheduledAt },
        {
          derived: true,
          ...(start.channel
            ? { staticSummary: messageRunSummary(start.channel, start.origin === 'notification' ? { kind: 'notification' } : { kind: 'api', scheduled: start.scheduledAt !== null }) }
            : {}),
        },
      );
    case 'inbound':
      return inboundStart({ tenantId: start.tenantId, messageId: start.messageId, contactId: start.contactId, channel: start.channel });
  }
}

/** The tenant's sending rules changed: tell its waiting messages (one run per change). */
export function recheckSendsStart(input: RecheckSendsInput, what: string): StartSpec<RecheckSendsInput> {
  return {
    workflowType: 'recheckPendingSendsWorkflow',
    workflowId: recheckSendsWorkflowId(input.tenantId, input.changeId),
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: [{ key: TenantIdKey, value: input.tenantId }],
    staticSummary: `Recheck waiting sends · ${what} changed`,
  };
}

/**
 * An account email goes out once per token or invitation: a second start (a retried request) is refused while
 * the first runs and after it ended.
 */
export function accountEmailStart(input: AccountEmailInput): StartSpec<AccountEmailInput> {
  const isReset = input.kind === 'password-reset';
  return {
    workflowType: 'sendAccountEmailWorkflow',
    workflowId: accountEmailWorkflowId(input.kind, isReset ? input.verificationId : input.invitationId),
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: [],
    staticSummary: isReset ? 'Account email · password reset' : 'Account email · invitation',
  };
}

/** Child workflow options from a spec (a parent's task queue, no conflict policy: children may not set one). */
export function childOptions<A>(spec: StartSpec<A>) {
  return {
    workflowId: spec.workflowId,
    args: spec.args,
    workflowIdReusePolicy: spec.workflowIdReusePolicy,
    typedSearchAttributes: spec.typedSearchAttributes,
    ...(spec.staticSummary ? { staticSummary: spec.staticSummary } : {}),
    ...(spec.staticDetails ? { staticDetails: spec.staticDetails } : {}),
  };
}

/** Matched by name: the error crosses the SDK's module boundaries (and workflow sandboxes). */
export function isAlreadyStarted(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'WorkflowExecutionAlreadyStartedError';
}

// gRPC status codes meaning "the server could not be reached or did not answer".
const UNREACHABLE_GRPC_CODES = new Set([14 /* UNAVAILABLE */, 4 /* DEADLINE_EXCEEDED */]);

/** Temporal could not be reached (as opposed to refusing the request, which is a bug worth a 500). */
export function isTemporalUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as AppError).code === ErrorCodes.UNAVAILABLE) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number' && UNREACHABLE_GRPC_CODES.has(code)) return true;
    if ((e as Error).name === 'TransportError') return true;
  }
  return false;
}

export interface Started {
  workflowId: string;
  /** The run's id (under USE_EXISTING possibly an existing run's); null when the start was refused as a duplicate. */
  runId: string | null;
  /** A run with this id exists or existed and the policy refused a new one (never true under USE_EXISTING). */
  alreadyStarted: boolean;
}

/**
 * Starts a run. "Already started" is an answer, not an error (the caller decides what it means); Temporal
 * being unreachable becomes UNAVAILABLE (HTTP 503); anything else is a bug and is rethrown.
 */
export async function startWorkflow<A>(client: Pick<Client, 'workflow'>, taskQueue: string, spec: StartSpec<A>): Promise<Started> {
  const { workflowType, ...options } = spec;
  try {
    const handle = await client.workflow.start(workflowType, { taskQueue, ...options });
    return { workflowId: spec.workflowId, runId: handle.firstExecutionRunId ?? null, alreadyStarted: false };
  } catch (error) {
    if (isAlreadyStarted(error)) return { workflowId: spec.workflowId, runId: null, alreadyStarted: true };
    if (isTemporalUnreachable(error)) {
      throw new AppError(ErrorCodes.UNAVAILABLE, `Temporal did not accept ${spec.workflowType} ${spec.workflowId}: ${(error as Error).message}`, {
        userMessage: 'The workflow engine (Temporal) is unreachable; try again shortly.',
        cause: error,
      });
    }
    throw error;
  }
}
