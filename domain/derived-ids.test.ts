import { describe, expect, it } from 'vitest';
import {
  complianceReplyMessageId,
  enrollmentWorkflowId,
  inboundWorkflowId,
  notificationMessageId,
  quoteMessageId,
  scheduledMessageWorkflowId,
  stepMessageId,
  stepOfMessageId,
} from './derived-ids';
import { temporalListUrl, temporalRunUrl } from './temporal-web-links';

describe('derived ids', () => {
  it('joins business keys with colons', () => {
    expect(scheduledMessageWorkflowId('ten_1', 'msg_2')).toBe('message:ten_1:msg_2');
    expect(inboundWorkflowId('ten_1', 'msg_2')).toBe('inbound:ten_1:msg_2');
    expect(enrollmentWorkflowId('ten_1', 'seq_2', 'ctc_3')).toBe('enrollment:ten_1:seq_2:ctc_3');
  });
  it('derives message ids that keep the msg_ prefix and differ per kind', () => {
    const ids = [
      quoteMessageId('quo_ab', 'initial'),
      quoteMessageId('quo_ab', 'follow_up'),
      stepMessageId('enr_ab', 0),
      stepMessageId('enr_ab', 1),
      complianceReplyMessageId('msg_ab'),
      notificationMessageId('inr_ab', 'nru_cd'),
      notificationMessageId('inr_ab', 'nru_ce'),
    ];
    for (const id of ids) expect(id).toMatch(/^msg_[0-9a-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('reads the enrollment and step back from a step message id, and nothing from other ids', () => {
    const enrollmentId = `enr_${'a1'.repeat(16)}`;
    expect(stepOfMessageId(stepMessageId(enrollmentId, 12))).toEqual({ enrollmentId, position: 12 });
    expect(stepOfMessageId(quoteMessageId(`quo_${'a1'.repeat(16)}`, 'initial'))).toBeNull();
    expect(stepOfMessageId(`msg_${'a1'.repeat(16)}`)).toBeNull();
  });
});

describe('Temporal Web links', () => {
  it('deep-links a run, encoding the id', () => {
    const web = { uiUrl: 'http://localhost:8233/', namespace: 'default' };
    expect(temporalRunUrl(web, 'message:ten_1:msg_2', 'run-1')).toBe('http://localhost:8233/namespaces/default/workflows/message%3Aten_1%3Amsg_2/run-1/history');
    expect(temporalRunUrl(web, 'message:ten_1:msg_2')).toBe('http://localhost:8233/namespaces/default/workflows/message%3Aten_1%3Amsg_2');
    expect(temporalListUrl(web, 'TenantId="ten_1"')).toBe('http://localhost:8233/namespaces/default/workflows?query=TenantId%3D%22ten_1%22');
  });
});
