import express, { Router } from 'express';
import type { ApiDeps } from '../../deps';
import { authenticateIngest } from '../../http/authenticate-ingest';
import { ingestLead } from './ingest-lead';
import { ingestQuote } from './ingest-quote';

/** For websites and tools the tenant controls: per-tenant ingest tokens, idempotent on Idempotency-Key. */
export function ingestRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  router.use(authenticateIngest(deps.prisma));
  router.post('/leads', ingestLead(deps));
  router.post('/quotes', ingestQuote(deps));
  return router;
}
