import { executeChild, getExternalWorkflowHandle, ParentClosePolicy, patched } from '@temporalio/workflow';
import { dbActivities } from './activity-proxies';
import { parseConsentKeyword } from '../domain/consent-keywords';
import { childOptions, contactRepliedSignal, optOutSignal, scheduledMessageStart, type InboundMessageInput, type InboundMessageResult } from './definitions';
import { sendScheduledMessageWorkflow } from './scheduled-message';

const { applyConsentKeyword, createComplianceReply, findOpenEnrollmentWorkflows } = dbActivities;

/**
 * What an inbound message sets in motion. A message that is exactly one consent keyword changes consent
 * at once, stops every open workflow of the contact on that channel, and gets one confirmation reply.
 */
export async function handleInboundMessageWorkflow(input: InboundMessageInput): Promise<InboundMessageResult> {
  const keyword = input.channel === 'email' ? null : parseConsentKeyword(input.body);
  if (!keyword) {
    // Added with sequences: a reply ends the contact's enrollments that stop on reply. Runs started before
    // this change replay without it.
    if (!patched('stop-enrollments-on-reply')) return { keyword: null, signalled: [], replyMessageId: null };
    const { workflowIds } = await findOpenEnrollmentWorkflows({ tenantId: input.tenantId, contactId: input.contactId });
    const signalled: string[] = [];
    for (const workflowId of workflowIds) {
      try {
        await getExternalWorkflowHandle(workflowId).signal(contactRepliedSignal, { messageId: input.messageId, channel: input.channel });
        signalled.push(workflowId);
      } catch {
        // Ended meanwhile.
      }
    }
    return { keyword: null, signalled, replyMessageId: null };
  }

  const ref = { tenantId: input.tenantId, contactId: input.contactId, messageId: input.messageId, channel: input.channel, keyword };
  const { workflowIds } = await applyConsentKeyword(ref);
  const signalled: string[] = [];
  for (const workflowId of workflowIds) {
    try {
      await getExternalWorkflowHandle(workflowId).signal(optOutSignal, { channel: input.channel });
      signalled.push(workflowId);
    } catch {
      // The run finished meanwhile (sent or cancelled): nothing left to stop.
    }
  }

  const reply = await createComplianceReply(ref);
  await executeChild(sendScheduledMessageWorkflow, {
    ...childOptions(
      scheduledMessageStart(
        { tenantId: input.tenantId, messageId: reply.messageId, contactId: input.contactId, scheduledAt: null, complianceReply: true },
        { derived: true },
      ),
    ),
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
  return { keyword, signalled, replyMessageId: reply.messageId };
}
