import { ContactListAnswerSchema } from '../../../domain/schemas/contact';
import {
  BulkEnrollmentAnswerSchema,
  EnrollmentAnswerSchema,
  EnrollmentListAnswerSchema,
  SequenceAnswerSchema,
  SequenceListAnswerSchema,
  SequencePreviewAnswerSchema,
  type BulkEnroll,
  type CreateSequence,
  type UpdateSequence,
} from '../../../domain/schemas/sequence';
import { TemplateListAnswerSchema } from '../../../domain/schemas/template';
import { api } from '../../lib/api-client';

export type EnrollmentAction = 'pause' | 'resume' | 'stop';
export type EnrollmentStatusFilter = 'active' | 'paused' | 'completed' | 'stopped' | 'failed';

const id = (value: string) => encodeURIComponent(value);
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The sequence and enrollment routes (api/routes/index.ts, tags sequences and enrollments), each answer parsed by the route's own schema. */
export const sequenceApi = {
  list: (signal?: AbortSignal) => api.request('/api/sequences', { schema: SequenceListAnswerSchema, ...withSignal(signal) }),
  get: (sequenceId: string, signal?: AbortSignal) => api.request(`/api/sequences/${id(sequenceId)}`, { schema: SequenceAnswerSchema, ...withSignal(signal) }),
  create: (body: CreateSequence & { publish?: boolean }) => api.request('/api/sequences', { method: 'POST', body, schema: SequenceAnswerSchema }),
  update: (sequenceId: string, body: UpdateSequence) => api.request(`/api/sequences/${id(sequenceId)}`, { method: 'PATCH', body, schema: SequenceAnswerSchema }),
  publish: (sequenceId: string) => api.request(`/api/sequences/${id(sequenceId)}/publish`, { method: 'POST', body: {}, schema: SequenceAnswerSchema }),
  preview: (sequenceId: string, params: { contactId: string; version?: 'draft' | 'published' }, signal?: AbortSignal) =>
    api.request(`/api/sequences/${id(sequenceId)}/preview`, { query: params, schema: SequencePreviewAnswerSchema, ...withSignal(signal) }),
  enroll: (sequenceId: string, contactId: string) =>
    api.request(`/api/sequences/${id(sequenceId)}/enrollments`, { method: 'POST', body: { contactId }, schema: EnrollmentAnswerSchema }),
  bulkEnroll: (sequenceId: string, body: BulkEnroll) =>
    api.request(`/api/sequences/${id(sequenceId)}/enrollments/bulk`, { method: 'POST', body, schema: BulkEnrollmentAnswerSchema }),
  bulkProgress: (bulkId: string, signal?: AbortSignal) => api.request(`/api/bulk-enrollments/${id(bulkId)}`, { schema: BulkEnrollmentAnswerSchema, ...withSignal(signal) }),
  enrollments: (params: { sequenceId: string; status?: EnrollmentStatusFilter | undefined; cursor?: string | undefined }, signal?: AbortSignal) =>
    api.request('/api/enrollments', { query: { ...params, limit: 50 }, schema: EnrollmentListAnswerSchema, ...withSignal(signal) }),
  changeEnrollment: (enrollmentId: string, action: EnrollmentAction) =>
    api.request(`/api/enrollments/${id(enrollmentId)}/${action}`, { method: 'POST', body: {}, schema: EnrollmentAnswerSchema }),
  templates: (signal?: AbortSignal) => api.request('/api/templates', { schema: TemplateListAnswerSchema, ...withSignal(signal) }),
  /** The newest contacts (the list has no search yet: pickers filter this page in the browser). */
  contacts: (signal?: AbortSignal) => api.request('/api/contacts', { query: { limit: 200 }, schema: ContactListAnswerSchema, ...withSignal(signal) }),
};
