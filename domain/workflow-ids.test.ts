import { describe, expect, it } from 'vitest';
import { scheduledMessageWorkflowId, temporalListUrl, temporalRunUrl } from './workflow-ids';

describe('workflow ids and Temporal Web links', () => {
  it('joins business keys with colons', () => {
    expect(scheduledMessageWorkflowId('ten_1', 'msg_2')).toBe('message:ten_1:msg_2');
  });
  it('deep-links a run, encoding the id', () => {
    const web = { uiUrl: 'http://localhost:8233/', namespace: 'default' };
    expect(temporalRunUrl(web, 'message:ten_1:msg_2', 'run-1')).toBe('http://localhost:8233/namespaces/default/workflows/message%3Aten_1%3Amsg_2/run-1/history');
    expect(temporalRunUrl(web, 'message:ten_1:msg_2')).toBe('http://localhost:8233/namespaces/default/workflows/message%3Aten_1%3Amsg_2');
    expect(temporalListUrl(web, 'TenantId="ten_1"')).toBe('http://localhost:8233/namespaces/default/workflows?query=TenantId%3D%22ten_1%22');
  });
});
