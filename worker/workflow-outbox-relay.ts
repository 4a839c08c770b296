import type { Client } from '@temporalio/client';
import pg from 'pg';
import type { Logger } from 'pino';
import type { SystemPrisma } from '../prisma/client';
import { relayWorkflowOutbox } from '../prisma/queries/workflow-outbox/relay-workflow-outbox';
import { startWorkflow, workflowOutboxStart } from '../workflows/definitions';

export interface WorkflowOutboxRelayOptions {
  prisma: SystemPrisma;
  client: Client;
  taskQueue: string;
  logger: Logger;
  /** LISTEN/NOTIFY makes the relay prompt; this is the safety net (and the retry pace for failures). */
  databaseUrl?: string;
  pollIntervalMs?: number;
  batchSize?: number;
}

export interface WorkflowOutboxRelay {
  /** Relays everything pending now; resolves with how many workflow starts it handed to Temporal. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Hands the workflow outbox to Temporal. Outbox rows are written in the same transaction as the rows they
 * start work for — a trigger for quotes (whoever inserts or opens them: the API, the ingest endpoint, another
 * tool's SQL), Herald itself for owner alerts and inbound messages — so no committed row is left without its
 * workflow, even when Temporal was down when it was written. The relay starts each run from
 * workflows/start.ts and stamps the row; a crash between the two starts the same workflow id again, which
 * Temporal refuses or answers with the existing run, so nothing runs twice. Several workers may relay at once
 * (SKIP LOCKED).
 */
export function startWorkflowOutboxRelay(options: WorkflowOutboxRelayOptions): WorkflowOutboxRelay {
  const { prisma, client, taskQueue, logger } = options;
  const batchSize = options.batchSize ?? 50;
  let stopped = false;

  function relayBatch(): Promise<number> {
    return relayWorkflowOutbox(
      prisma,
      batchSize,
      // Already started (by the API, or by an earlier relay attempt) counts as relayed.
      async (entry) => {
        await startWorkflow(client, taskQueue, workflowOutboxStart(entry));
      },
      (entry, error) =>
        logger.warn({ tenantId: entry.tenantId, kind: entry.kind, outboxId: String(entry.id), err: error }, 'could not start the %s workflow; will retry', entry.kind),
    );
  }

  async function drainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const relayed = await relayBatch();
      total += relayed;
      if (relayed < batchSize) return total;
    }
  }

  /**
   * One drain at a time. A request while one runs queues exactly one more, which starts after it and so sees
   * every row committed before the request; the promise returned is that drain's. Requests made while a drain
   * is queued share it.
   */
  let tail: Promise<number> = Promise.resolve(0);
  let queued: Promise<number> | null = null;
  function drain(): Promise<number> {
    if (queued) return queued;
    const next = tail.then(async () => {
      queued = null;
      if (stopped) return 0;
      return drainAll().catch((error: unknown) => {
        logger.error({ err: error }, 'workflow outbox relay failed');
        return 0;
      });
    });
    queued = next;
    tail = next;
    return next;
  }

  const timer = setInterval(() => void drain(), options.pollIntervalMs ?? 5000);
  timer.unref();

  let listener: pg.Client | null = null;
  if (options.databaseUrl) {
    const connection = new pg.Client({ connectionString: options.databaseUrl });
    listener = connection;
    connection.on('notification', () => void drain());
    connection.on('error', (error) => logger.warn({ err: error }, 'workflow outbox LISTEN connection lost; polling only'));
    connection
      .connect()
      .then(() => connection.query('LISTEN herald_workflow_outbox'))
      .catch((error: unknown) => logger.warn({ err: error }, 'could not LISTEN for the workflow outbox; polling only'));
  }
  void drain();

  return {
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await listener?.end().catch(() => undefined);
      await tail;
    },
  };
}
