import { api } from '../../lib/api-client';
import { ThreadListSchema } from '../../lib/contract-schemas';

export type ThreadFilter = 'mine' | 'unassigned' | 'all';

export const inboxApi = {
  threads: (params: { filter: ThreadFilter; q?: string; cursor?: string }, signal?: AbortSignal) =>
    api.request('/api/threads', { query: { filter: params.filter, q: params.q, cursor: params.cursor, limit: 50 }, schema: ThreadListSchema, ...(signal ? { signal } : {}) }),
};
