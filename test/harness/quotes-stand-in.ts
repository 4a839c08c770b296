import type http from 'node:http';
import { QuoteAnswerSchema, QuoteListAnswerSchema } from '../../domain/schemas/quote';
import type { Screen } from './api-stand-in';
import { json, type RecordedRequest } from './local-http-server';

/* The quotes' demo answers: a week of a plumbing firm's quotes in every state. */
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const money = (n: number) => `$${n.toLocaleString('en', { minimumFractionDigits: 2 })}`;
const quote = (n: number, title: string, total: number, status: string, extra: Record<string, unknown> = {}) => ({
  id: `quo_${n}`,
  contactId: `ctc_t${n}`,
  externalId: null,
  title,
  total: total.toFixed(2),
  currency: 'USD',
  totalFormatted: money(total),
  status,
  channel: 'sms',
  lineItems: [],
  data: {},
  shortUrl: `https://acme.example/q/${'a'.repeat(31)}${n}`,
  expiresAt: inDays(10),
  sentAt: minutesAgo(60 * 24 * n),
  respondedAt: null,
  followedUpAt: null,
  viewedAt: null,
  createdAt: minutesAgo(60 * 24 * n + 1),
  workflowId: `quote:ten_1:quo_${n}`,
  temporalUrl: `http://localhost:8233/namespaces/default/workflows/quote%3Aten_1%3Aquo_${n}`,
  ...extra,
});
const kitchen = quote(1, 'Kitchen tap replacement', 179.99, 'accepted', {
  lineItems: [
    { description: 'Mixer tap, chrome', quantity: 1, unitPrice: '89.99', amount: '89.99' },
    { description: 'Labour (hours)', quantity: 1.5, unitPrice: '60.00', amount: '90.00' },
  ],
  viewedAt: minutesAgo(60 * 20),
  respondedAt: minutesAgo(60 * 19),
});
const quotes = {
  quotes: [
    kitchen,
    quote(2, 'Boiler service', 120, 'sent', { channel: 'whatsapp', viewedAt: minutesAgo(60 * 30), followedUpAt: minutesAgo(60 * 2) }),
    quote(3, 'Bathroom refit', 4850, 'sent'),
    quote(4, 'Radiator valves', 240, 'rejected', { respondedAt: minutesAgo(60 * 70) }),
    quote(5, 'Emergency call-out', 95, 'expired', { expiresAt: minutesAgo(60 * 24) }),
  ],
  nextCursor: null,
};

/** Answers the quote routes; false when the request is not one of them. */
export function quotesDemoApi(req: RecordedRequest, res: http.ServerResponse): boolean {
  const p = req.path.split('?')[0];
  if (p === '/api/quotes' && req.method === 'GET') return (json(res, 200, QuoteListAnswerSchema.parse(quotes)), true);
  const one = quotes.quotes.find((q) => p === `/api/quotes/${q.id}`);
  if (one) return (json(res, 200, QuoteAnswerSchema.parse({ quote: one })), true);
  return false;
}

export const QUOTE_SCREENS: Screen[] = [
  { name: 'quotes', path: '/quotes', prepare: (page) => page.getByTestId('quote-row').first().waitFor() },
  { name: 'quote', path: '/quotes/quo_1', prepare: (page) => page.getByTestId('quote-detail-line').first().waitFor() },
  {
    name: 'quote-new',
    path: '/quotes/new',
    prepare: async (page) => {
      await page.getByLabel('Line 1 description').fill('Mixer tap, chrome');
      await page.getByLabel('Line 1 price').fill('89.99');
      await page.getByRole('button', { name: 'Add a line' }).click();
      await page.getByLabel('Line 2 description').fill('Labour (hours)');
      await page.getByLabel('Line 2 quantity').fill('1.5');
      await page.getByLabel('Line 2 price').fill('60');
      await page.getByTestId('quote-total').waitFor();
    },
  },
  {
    name: 'quotes-empty',
    path: '/quotes',
    setup: (page) => page.route((url) => url.pathname === '/api/quotes', (route) => route.fulfill({ json: { quotes: [], nextCursor: null } })),
    prepare: (page) => page.getByTestId('empty-state').waitFor(),
  },
];
