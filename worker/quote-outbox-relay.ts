import type { Client } from '@temporalio/client';
import pg from 'pg';
import type { Logger } from 'pino';
import type { PrismaClient } from '../prisma/client';
import { relayQuoteOutbox } from '../prisma/queries/quotes/relay-quote-outbox';
import { quoteStart, startWorkflow } from '../workflows/definitions';

export interface QuoteOutboxRelayOptions {
  prisma: PrismaClient;
  client: Client;
  taskQueue: string;
  logger: Logger;
  /** LISTEN/NOTIFY makes the relay prompt; this is the safety net (and the retry pace for failures). */
  databaseUrl?: string;
  pollIntervalMs?: number;
  batchSize?: number;
}

export interface QuoteOutboxRelay {
  /** Relays everything pending now; resolves with how many quote workflows it handed to Temporal. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Hands new quote rows to Temporal. A trigger writes an outbox row in the same transaction as the quote,
 * whoever inserts it (the API, the ingest endpoint, another tool's SQL). The relay starts workflow
 * quote:<tenant>:<id> and stamps the row; a crash between the two starts the same workflow id again, which
 * Temporal refuses, so a quote is never texted twice. Several workers may relay at once (SKIP LOCKED).
 */
export function startQuoteOutboxRelay(options: QuoteOutboxRelayOptions): QuoteOutboxRelay {
  const { prisma, client, taskQueue, logger } = options;
  const batchSize = options.batchSize ?? 50;
  let stopped = false;

  function relayBatch(): Promise<number> {
    return relayQuoteOutbox(
      prisma,
      batchSize,
      // Already started (by the API, or by an earlier relay attempt) counts as relayed.
      async (row) => {
        await startWorkflow(client, taskQueue, quoteStart({ tenantId: row.tenantId, quoteId: row.quoteId, contactId: row.contactId }));
      },
      (row, error) => logger.warn({ tenantId: row.tenantId, quoteId: row.quoteId, err: error }, 'could not start the quote workflow; will retry'),
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
        logger.error({ err: error }, 'quote outbox relay failed');
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
    connection.on('error', (error) => logger.warn({ err: error }, 'quote outbox LISTEN connection lost; polling only'));
    connection
      .connect()
      .then(() => connection.query('LISTEN herald_quote_outbox'))
      .catch((error: unknown) => logger.warn({ err: error }, 'could not LISTEN for new quotes; polling only'));
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
