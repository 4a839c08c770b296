// The worker bundles this file: every workflow function Herald runs is exported here.
export { sendScheduledMessageWorkflow } from './scheduled-message';
export { handleInboundMessageWorkflow } from './inbound-message';
export { sequenceEnrollmentWorkflow } from './sequence-enrollment';
export { bulkEnrollmentWorkflow } from './bulk-enrollment';
export { sendQuoteWorkflow } from './send-quote';
export { recheckPendingSendsWorkflow } from './recheck-pending-sends';
export { sendAccountEmailWorkflow } from './account-email';
export { pruneRealtimeEventsWorkflow } from './prune-realtime-events';
