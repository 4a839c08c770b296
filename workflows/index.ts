// The worker bundles this file: every workflow function Herald runs is exported here.
export { sendScheduledMessageWorkflow } from './scheduled-message';
export { handleInboundMessageWorkflow } from './inbound-message';
