import type { RequestHandler } from 'express';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import type { OperationGroup } from './operation';

export const OPENAPI_PATH = '/api/openapi.json';

/** Swagger UI's assets come from the swagger-ui-dist package on disk: the reference works offline. */
const page = swaggerUi.setup(undefined, { customSiteTitle: 'Herald API reference', swaggerOptions: { url: OPENAPI_PATH, deepLinking: true } });

/** The page's assets are relative (./swagger-ui.css): it must be served at a URL ending in a slash. */
const docsPage: RequestHandler = (req, res, next) => {
  if (!req.originalUrl.split('?')[0]!.endsWith('/')) {
    res.redirect(301, `${req.baseUrl}${req.path}/`);
    return;
  }
  return page(req, res, next);
};

/** The document and its reference page; `document` is read on each request (it is built once, on first use). */
export function docsGroup(document: () => object): OperationGroup {
  return {
    prefix: '/api',
    operations: [
      {
        method: 'get', path: '/openapi.json', operationId: 'getOpenApiDocument', tag: 'reference', security: 'none',
        summary: 'This OpenAPI 3.1 document',
        responses: { 200: { description: 'The document', schema: z.record(z.string(), z.unknown()).describe('An OpenAPI 3.1 document') } },
        handler: () => (_req, res) => {
          res.json(document());
        },
      },
      {
        method: 'get', path: '/docs', operationId: 'getApiReference', tag: 'reference', security: 'none',
        summary: 'An interactive reference of this API (Swagger UI, served from this server)',
        responses: {
          200: { description: 'The reference page', schema: z.string().describe('An HTML page'), contentType: 'text/html' },
          301: { description: 'To the same URL with a trailing slash' },
        },
        handler: () => docsPage,
      },
    ],
  };
}

/** Swagger UI's scripts and styles, under /api/docs/. */
export const docsAssets: RequestHandler[] = swaggerUi.serveFiles(undefined, { swaggerOptions: { url: OPENAPI_PATH } });
