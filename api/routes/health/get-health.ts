import type { RequestHandler } from 'express';
import { pingDatabase } from '../../../prisma/queries/health/ping-database';
import type { ApiDeps } from '../../deps';

/** Liveness plus what the API depends on; 503 when the database is down (Temporal may lag at start-up). */
export function getHealth({ systemPrisma, temporal, providers }: ApiDeps): RequestHandler {
  return async (_req, res) => {
    const upOrDown = (up: boolean) => (up ? ('up' as const) : ('down' as const));
    const [database, workflows, workers] = await Promise.all([
      pingDatabase(systemPrisma).then(upOrDown),
      temporal.client().then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      temporal.workersPolling().then(upOrDown, () => 'down' as const),
    ]);
    res.status(database === 'up' ? 200 : 503).json({
      ok: database === 'up',
      database,
      temporal: workflows,
      workers,
      providers: providers ?? { sms: 'fake', whatsapp: 'fake', email: 'fake' },
    });
  };
}
