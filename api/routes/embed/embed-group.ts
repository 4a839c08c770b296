import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { OperationGroup } from '../../openapi/operation';

/** Read once: a plain script, no build step; the file is what browsers get. */
const LEAD_FORM_SCRIPT = readFileSync(new URL('./lead-form.js', import.meta.url), 'utf8');

/** Scripts other sites embed. Public, cacheable, and loadable from pages of any origin. */
export const embedGroup: OperationGroup = {
  prefix: '/embed',
  operations: [
    {
      method: 'get', path: '/lead-form.js', operationId: 'getLeadFormScript', tag: 'lead forms', security: 'none',
      summary: 'The embeddable lead form’s script: it draws every <div data-herald-lead-form="lfm_…"> of the page',
      description: 'Plain ES2017, no dependencies; cached for an hour (ETag revalidation). It posts to the API it was loaded from.',
      responses: { 200: { description: 'The script', schema: z.string().describe('JavaScript'), contentType: 'text/javascript' } },
      handler: () => (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.setHeader('Cache-Control', 'public, max-age=3600');
        // Pages that isolate themselves (Cross-Origin-Embedder-Policy) may still load it.
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
        res.send(LEAD_FORM_SCRIPT);
      },
    },
  ],
};
