import express, { type Express } from 'express';
import { ErrorCodes } from '../domain/errors';
import type { ApiDeps } from './deps';
import { errorMiddleware } from './http/error-middleware';
import { apiRoutes } from './routes';
import { webhookRoutes } from './routes/webhooks';
import { ingestRoutes } from './routes/ingest';
import { quotePageRoutes } from './routes/quote-page/quote-page';

/** The HTTP app without `listen`, so tests drive it directly. */
export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use('/webhooks', webhookRoutes(deps));
  app.use('/ingest', ingestRoutes(deps));
  // The lead's public quote page (the short URL in the quote SMS).
  app.use('/q', quotePageRoutes(deps));
  app.use(express.json({ limit: '1mb' }));
  app.use('/api', apiRoutes(deps));
  app.use((req, res) => {
    res.status(404).json({ error: { code: ErrorCodes.NOT_FOUND, message: `No route for ${req.method} ${req.path}` } });
  });
  app.use(errorMiddleware(deps.logger));
  return app;
}
