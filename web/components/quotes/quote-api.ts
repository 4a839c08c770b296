import { QuoteAnswerSchema, QuoteListAnswerSchema, type CreateQuote } from '../../../domain/schemas/quote';
import { api } from '../../lib/api-client';

export type QuoteStatusFilter = 'open' | 'sent' | 'accepted' | 'rejected' | 'expired';

/** The quote routes (api/routes/index.ts, tag quotes), each answer parsed by its schema. */
export const quoteApi = {
  list: (params: { status?: QuoteStatusFilter | undefined; cursor?: string | undefined }, signal?: AbortSignal) =>
    api.request('/api/quotes', { query: { ...params, limit: 50 }, schema: QuoteListAnswerSchema, ...(signal ? { signal } : {}) }),
  get: (quoteId: string, signal?: AbortSignal) =>
    api.request(`/api/quotes/${encodeURIComponent(quoteId)}`, { schema: QuoteAnswerSchema.pick({ quote: true }), ...(signal ? { signal } : {}) }),
  create: (body: Partial<CreateQuote> & { contactId: string; total: number }) => api.request('/api/quotes', { method: 'POST', body, schema: QuoteAnswerSchema }),
};
