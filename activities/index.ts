import { createInboundActivities } from './inbound-activities';
import { createScheduledMessageActivities, type ActivityDeps } from './scheduled-message-activities';

export type { ActivityDeps, MessageRef, SendContext, SendOutcome } from './scheduled-message-activities';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createScheduledMessageActivities(deps),
    ...createInboundActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
