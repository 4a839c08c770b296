import { createAccountEmailActivities } from './account-email-activities';
import { createBulkEnrollmentActivities } from './bulk-enrollment-activities';
import { createInboundActivities } from './inbound-activities';
import { createQuoteActivities } from './quote-activities';
import { createRealtimeRetentionActivities } from './realtime-retention-activities';
import { createScheduledMessageActivities, type ActivityDeps } from './scheduled-message-activities';
import { createSequenceActivities } from './sequence-activities';
import { withTemporalFailures } from './temporal-failures';

export type { ActivityDeps, MessageRef, SendContext, SendOutcome } from './scheduled-message-activities';
export type { EnrollmentPlan, PreparedStep } from './sequence-activities';
export type { PreparedQuoteMessage, QuoteTimeline } from './quote-activities';
export type { PruneBatchResult, RealtimeRetention } from './realtime-retention-activities';

export function createActivities(deps: ActivityDeps) {
  return withTemporalFailures({
    ...createScheduledMessageActivities(deps),
    ...createInboundActivities(deps),
    ...createSequenceActivities(deps),
    ...createBulkEnrollmentActivities(deps),
    ...createAccountEmailActivities(deps),
    ...createRealtimeRetentionActivities(deps),
    // The public quote page lives on the API: its public URL, or the local default.
    ...createQuoteActivities({ ...deps, quotePageBaseUrl: deps.quotePageBaseUrl ?? deps.publicUrl ?? 'http://localhost:4000' }),
  });
}

export type Activities = ReturnType<typeof createActivities>;
