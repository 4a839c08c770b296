import { z } from 'zod';
import { TemplateListAnswerSchema, TemplatePreviewViewSchema, TemplateViewSchema, type CreateTemplate, type PreviewTemplate, type UpdateTemplate } from '../../../domain/schemas/template';
import { api } from '../../lib/api-client';

const TemplateAnswerSchema = z.object({ template: TemplateViewSchema });
const id = (value: string) => encodeURIComponent(value);

/** The template routes (api/routes/index.ts, tag templates), each answer parsed by its schema. */
export const templateApi = {
  list: (signal?: AbortSignal) => api.request('/api/templates', { schema: TemplateListAnswerSchema, ...(signal ? { signal } : {}) }),
  get: (templateId: string, signal?: AbortSignal) => api.request(`/api/templates/${id(templateId)}`, { schema: TemplateAnswerSchema, ...(signal ? { signal } : {}) }),
  create: (body: CreateTemplate) => api.request('/api/templates', { method: 'POST', body, schema: TemplateAnswerSchema }),
  update: (templateId: string, body: UpdateTemplate) => api.request(`/api/templates/${id(templateId)}`, { method: 'PATCH', body, schema: TemplateAnswerSchema }),
  remove: (templateId: string) => api.request(`/api/templates/${id(templateId)}`, { method: 'DELETE' }),
  preview: (body: PreviewTemplate, signal?: AbortSignal) =>
    api.request('/api/templates/preview', { method: 'POST', body, schema: z.object({ preview: TemplatePreviewViewSchema }), ...(signal ? { signal } : {}) }),
};
