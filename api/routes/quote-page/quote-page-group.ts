import { z } from 'zod';
import type { Operation, OperationGroup } from '../../openapi/operation';
import { answerQuote, quotePageHeaders, showQuotePage } from './quote-page';

const TokenParams = z.object({ token: z.string().describe('The quote’s public token (32 hex digits), from the SMS link') });
const html = (description: string) => ({ description, schema: z.string().describe('An HTML page'), contentType: 'text/html' });

/** The lead's public quote page (the short URL in the quote SMS); HTML, reached by an unguessable token. */
export const quotePageGroup: OperationGroup = {
  prefix: '/q',
  before: () => [quotePageHeaders],
  operations: [
    {
      method: 'get', path: '/:token', operationId: 'showQuotePage', tag: 'quote page', security: 'none',
      summary: 'The quote, with Accept and Decline buttons', params: TokenParams,
      responses: { 200: html('The quote page'), 404: html('No such quote') },
      handler: showQuotePage,
    },
    ...(['accepted', 'rejected'] as const).map(
      (response): Operation => ({
        method: 'post', path: `/:token/${response === 'accepted' ? 'accept' : 'reject'}`, operationId: response === 'accepted' ? 'acceptQuote' : 'rejectQuote',
        tag: 'quote page', security: 'none',
        summary: response === 'accepted' ? 'The lead accepts the quote' : 'The lead declines the quote',
        params: TokenParams,
        body: { kind: 'form', schema: z.object({}).describe('The page’s form sends no fields'), limit: '1kb', required: false },
        responses: { 303: { description: 'Back to the quote page, which shows the answer' }, 404: html('No such quote') },
        handler: (deps) => answerQuote(deps, response),
      }),
    ),
  ],
};
