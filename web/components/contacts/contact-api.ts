import { z } from 'zod';
import { ContactListAnswerSchema, ContactViewSchema, type CreateContact } from '../../../domain/schemas/contact';
import { StageListSchema } from '../../../domain/schemas/pipeline';
import { api } from '../../lib/api-client';

/** The contact routes the list uses (api/routes: contacts, pipeline), each answer parsed by its schema. */
export const contactApi = {
  list: (params: { q?: string | undefined; stageId?: string | undefined; cursor?: string | undefined }, signal?: AbortSignal) =>
    api.request('/api/contacts', {
      query: {
        limit: 50,
        ...(params.q ? { q: params.q } : {}),
        ...(params.stageId ? { filter: JSON.stringify({ stageIds: [params.stageId === 'none' ? null : params.stageId] }) } : {}),
        ...(params.cursor ? { cursor: params.cursor } : {}),
      },
      schema: ContactListAnswerSchema,
      ...(signal ? { signal } : {}),
    }),
  stages: (signal?: AbortSignal) => api.request('/api/pipeline-stages', { schema: StageListSchema, ...(signal ? { signal } : {}) }),
  create: (body: CreateContact) => api.request('/api/contacts', { method: 'POST', body, schema: z.object({ contact: ContactViewSchema }) }),
};
