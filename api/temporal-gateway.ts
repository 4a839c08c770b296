import { readFile } from 'node:fs/promises';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
// CommonJS: Node's ESM loader sees only its default export.
import proto from '@temporalio/proto';
import { temporalTlsEnabled, type TemporalEnv } from '../domain/config';
import { AppError, ErrorCodes } from '../domain/errors';
import { startWorkflow, type Started, type StartSpec } from '../workflows/definitions';

/**
 * One lazily connected Temporal client for the whole API process. The API starts (and answers health
 * checks) while Temporal is still coming up; a failed connection is retried on the next request.
 */
export class TemporalGateway {
  private pending: Promise<Client> | null = null;

  constructor(private readonly env: TemporalEnv) {}

  /** Wraps an existing client (tests pass the time-skipping environment's client). */
  static fromClient(client: Client, options: { taskQueue: string; address?: string }): TemporalGateway {
    const gateway = new TemporalGateway({
      TEMPORAL_ADDRESS: options.address ?? 'in-process',
      TEMPORAL_NAMESPACE: client.options.namespace,
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      TEMPORAL_UI_URL: 'http://localhost:8233',
    });
    gateway.pending = Promise.resolve(client);
    return gateway;
  }

  get namespace(): string {
    return this.env.TEMPORAL_NAMESPACE;
  }

  get taskQueue(): string {
    return this.env.TEMPORAL_TASK_QUEUE;
  }

  async client(): Promise<Client> {
    this.pending ??= this.connect().catch((error: unknown) => {
      this.pending = null;
      throw new AppError(
        ErrorCodes.UNAVAILABLE,
        `Temporal is unreachable at ${this.env.TEMPORAL_ADDRESS}: ${error instanceof Error ? error.message : String(error)}`,
        { userMessage: 'The workflow engine (Temporal) is unreachable; try again shortly.', cause: error },
      );
    });
    return this.pending;
  }

  /**
   * Whether a worker is polling Herald's task queue: without one, runs are accepted but nothing moves. Pollers
   * seen in the last minute count.
   */
  async workersPolling(): Promise<boolean> {
    const client = await this.client();
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace: this.namespace,
      taskQueue: { name: this.taskQueue },
      taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    const recent = Date.now() - 60_000;
    return (pollers ?? []).some((p) => !p.lastAccessTime?.seconds || Number(p.lastAccessTime.seconds) * 1000 >= recent);
  }

  /** The one way the API starts a run (see workflows/start.ts for what its answers mean). */
  async start<A>(spec: StartSpec<A>): Promise<Started> {
    return startWorkflow(await this.client(), this.taskQueue, spec);
  }

  /**
   * Terminates every run of a tenant that is still going — those Temporal lists by the TenantId search attribute
   * and `knownIds` (which the list may not show yet) — so that nothing of a deleted tenant runs on. A run that
   * has already ended is skipped. Returns how many were terminated.
   */
  async terminateTenantRuns(tenantId: string, knownIds: string[], reason: string): Promise<number> {
    const client = await this.client();
    const ids = new Set(knownIds);
    const query = `TenantId = ${JSON.stringify(tenantId)} AND ExecutionStatus = "Running"`;
    for await (const run of client.workflow.list({ query })) ids.add(run.workflowId);
    const ended = await Promise.all(
      [...ids].map((id) =>
        client.workflow
          .getHandle(id)
          .terminate(reason)
          .then(() => true)
          .catch((error: unknown) => {
            if (error instanceof WorkflowNotFoundError) return false;
            throw error;
          }),
      ),
    );
    return ended.filter(Boolean).length;
  }

  private async connect(): Promise<Client> {
    const env = this.env;
    const tls = temporalTlsEnabled(env)
      ? env.TEMPORAL_TLS_CERT_PATH && env.TEMPORAL_TLS_KEY_PATH
        ? { clientCertPair: { crt: await readFile(env.TEMPORAL_TLS_CERT_PATH), key: await readFile(env.TEMPORAL_TLS_KEY_PATH) } }
        : true
      : undefined;
    const connection = await Connection.connect({
      address: env.TEMPORAL_ADDRESS,
      connectTimeout: 5000,
      ...(tls ? { tls } : {}),
      ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
    });
    return new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  }

  async close(): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    if (pending) await (await pending.catch(() => null))?.connection.close();
  }
}
