import type { Channel } from '../../../domain/channels';
import {
  ComposerViewSchema,
  ContactPanelSchema,
  NoteAnswerSchema,
  SentMessageAnswerSchema,
  ThreadAnswerSchema,
  ThreadListViewSchema,
  ThreadTimelineSchema,
  ThreadViewSchema,
} from '../../../domain/schemas/inbox';
import { MessageChangeAnswerSchema, SimulatedInboundAnswerSchema } from '../../../domain/schemas/message';
import { EnrollmentAnswerSchema } from '../../../domain/schemas/sequence';
import { api } from '../../lib/api-client';

export type ThreadFilter = 'mine' | 'unassigned' | 'all';

const id = (value: string) => encodeURIComponent(value);
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export interface ComposeInput {
  body?: string;
  channel?: Channel;
  subject?: string;
  templateId?: string;
  /** An approved WhatsApp template's numbered values ({"1": …}). */
  variables?: Record<string, string>;
  sendAt?: string;
}

/** The inbox routes (api/routes/index.ts, tag inbox), each answer parsed by the route's own schema. */
export const inboxApi = {
  /** A page of the list; with `threadId`, that one thread's row under the same filters (none: it does not match them). */
  threads: (params: { filter: ThreadFilter; q?: string; cursor?: string; threadId?: string }, signal?: AbortSignal) =>
    api.request('/api/threads', {
      query: { filter: params.filter, q: params.q, cursor: params.cursor, threadId: params.threadId, limit: 50 },
      schema: ThreadListViewSchema,
      ...withSignal(signal),
    }),
  thread: (threadId: string, before?: string, signal?: AbortSignal) =>
    api.request(`/api/threads/${id(threadId)}`, { query: { before }, schema: ThreadViewSchema, ...withSignal(signal) }),
  /** What is new on the thread since `after`, with the thread as it now is. */
  threadTimeline: (threadId: string, after: string, limit: number, signal?: AbortSignal) =>
    api.request(`/api/threads/${id(threadId)}/timeline`, { query: { after, limit }, schema: ThreadTimelineSchema, ...withSignal(signal) }),
  /** One message of the thread as it now is. */
  threadMessage: (threadId: string, messageId: string, signal?: AbortSignal) =>
    api.request(`/api/threads/${id(threadId)}/messages/${id(messageId)}`, { schema: SentMessageAnswerSchema, ...withSignal(signal) }),
  composer: (threadId: string, signal?: AbortSignal) => api.request(`/api/threads/${id(threadId)}/composer`, { schema: ComposerViewSchema, ...withSignal(signal) }),
  panel: (contactId: string, signal?: AbortSignal) => api.request(`/api/contacts/${id(contactId)}/panel`, { schema: ContactPanelSchema, ...withSignal(signal) }),
  send: (threadId: string, body: ComposeInput) => api.request(`/api/threads/${id(threadId)}/messages`, { method: 'POST', body, schema: SentMessageAnswerSchema }),
  note: (threadId: string, body: { body: string; visibility: 'private' | 'public' }) =>
    api.request(`/api/threads/${id(threadId)}/notes`, { method: 'POST', body, schema: NoteAnswerSchema }),
  assign: (threadId: string, userId: string | null) => api.request(`/api/threads/${id(threadId)}/assign`, { method: 'POST', body: { userId }, schema: ThreadAnswerSchema }),
  close: (threadId: string) => api.request(`/api/threads/${id(threadId)}/close`, { method: 'POST', body: {}, schema: ThreadAnswerSchema }),
  reopen: (threadId: string) => api.request(`/api/threads/${id(threadId)}/reopen`, { method: 'POST', body: {}, schema: ThreadAnswerSchema }),
  snooze: (threadId: string, until: string) => api.request(`/api/threads/${id(threadId)}/snooze`, { method: 'POST', body: { until }, schema: ThreadAnswerSchema }),
  read: (threadId: string) => api.request(`/api/threads/${id(threadId)}/read`, { method: 'POST', body: {}, schema: ThreadAnswerSchema }),
  labels: (threadId: string, labels: string[]) => api.request(`/api/threads/${id(threadId)}/labels`, { method: 'PUT', body: { labels }, schema: ThreadAnswerSchema }),
  cancelMessage: (messageId: string) => api.request(`/api/messages/${id(messageId)}/cancel`, { method: 'POST', body: {}, schema: MessageChangeAnswerSchema }),
  rescheduleMessage: (messageId: string, sendAt: string) =>
    api.request(`/api/messages/${id(messageId)}/reschedule`, { method: 'POST', body: { sendAt }, schema: MessageChangeAnswerSchema }),
  enrollment: (enrollmentId: string, action: 'pause' | 'resume' | 'stop') =>
    api.request(`/api/enrollments/${id(enrollmentId)}/${action}`, { method: 'POST', body: {}, schema: EnrollmentAnswerSchema }),
  simulateReply: (body: { channel: Channel; from: string; body: string }) => api.request('/api/fake/inbound', { method: 'POST', body, schema: SimulatedInboundAnswerSchema }),
};
