import { executeChild, getExternalWorkflowHandle, ParentClosePolicy, patched, setCurrentDetails } from '@temporalio/workflow';
import { dbActivities } from './activity-proxies';
import { parseConsentKeyword } from '../domain/consent-keywords';
import { channelLabel, messageRunSummary } from '../domain/run-summaries';
import { childOptions, contactRepliedSignal, optOutSignal, scheduledMessageStart, type InboundMessageInput, type InboundMessageResult } from './definitions';
import { sendScheduledMessageWorkflow } from './scheduled-message';

const { applyConsentKeyword, classifyInboundMessage, createComplianceReply, findOpenEnrollmentWorkflows } = dbActivities;

/**
 * What an inbound message sets in motion. Every message but an opt-out is a reply: it ends the contact's
 * enrollments that stop on reply ("Yes" to "Are you still interested?" included). A message that is exactly
 * one consent keyword also changes consent at once; an opt-out stops every open workflow of the contact on
 * that channel. Each keyword gets one confirmation reply.
 */
export async function handleInboundMessageWorkflow(input: InboundMessageInput): Promise<InboundMessageResult> {
  // The message's text stays in Postgres: runs started since this change carry ids only and ask an activity.
  const keyword = patched('classify-inbound-in-activity')
    ? (await classifyInboundMessage({ tenantId: input.tenantId, messageId: input.messageId })).keyword
    : input.channel === 'email'
      ? null
      : parseConsentKeyword(input.body ?? '');

  const signalAll = async (workflowIds: string[], send: (workflowId: string) => Promise<void>): Promise<string[]> => {
    const signalled: string[] = [];
    for (const workflowId of workflowIds) {
      try {
        await send(workflowId);
        signalled.push(workflowId);
      } catch {
        // The run finished meanwhile: nothing left to tell it.
      }
    }
    return signalled;
  };
  const endEnrollmentsOnReply = async (): Promise<string[]> => {
    const { workflowIds } = await findOpenEnrollmentWorkflows({ tenantId: input.tenantId, contactId: input.contactId });
    return signalAll(workflowIds, (id) => getExternalWorkflowHandle(id).signal(contactRepliedSignal, { messageId: input.messageId, channel: input.channel }));
  };

  if (!keyword) {
    // Added with sequences: a reply ends the contact's enrollments that stop on reply. Runs started before
    // this change replay without it.
    if (!patched('stop-enrollments-on-reply')) return { keyword: null, signalled: [], replyMessageId: null };
    const told = await endEnrollmentsOnReply();
    setCurrentDetails(`Reply: ${told.length} running enrollment(s) told (those that stop on reply end)`);
    return { keyword: null, signalled: told, replyMessageId: null };
  }

  // START/YES and HELP are replies too; only an opt-out is not (it stops everything below instead).
  const repliedTo = keyword !== 'opt-out' && patched('keywords-count-as-replies') ? await endEnrollmentsOnReply() : [];

  const ref = { tenantId: input.tenantId, contactId: input.contactId, messageId: input.messageId, channel: input.channel, keyword };
  const { workflowIds } = await applyConsentKeyword(ref);
  const stopped = await signalAll(workflowIds, (id) => getExternalWorkflowHandle(id).signal(optOutSignal, { channel: input.channel }));

  const reply = await createComplianceReply(ref);
  await executeChild(sendScheduledMessageWorkflow, {
    ...childOptions(
      scheduledMessageStart(
        { tenantId: input.tenantId, messageId: reply.messageId, contactId: input.contactId, scheduledAt: null, complianceReply: true },
        { derived: true, staticSummary: messageRunSummary(input.channel, { kind: 'compliance', keyword }) },
      ),
    ),
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
  const channel = channelLabel(input.channel);
  setCurrentDetails(
    keyword === 'opt-out'
      ? `STOP: ${channel} consent revoked; ${stopped.length} open run(s) told to stop; confirmation sent`
      : keyword === 'opt-in'
        ? `START: ${channel} consent granted; ${repliedTo.length} enrollment(s) told of the reply; confirmation sent`
        : `HELP: ${repliedTo.length} enrollment(s) told of the reply; help reply sent`,
  );
  return { keyword, signalled: [...repliedTo, ...stopped], replyMessageId: reply.messageId };
}
