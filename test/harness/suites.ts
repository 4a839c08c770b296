import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { registerSearchAttributes } from '../../scripts/lib/search-attributes';
import { startWorker, testPrisma, workflowBundle, type RunningWorker } from './context';
import { devServer } from './dev-server';

export type DevServer = Awaited<ReturnType<typeof devServer>>;

/**
 * A file whose tests share the Temporal dev server and one worker on their own task queue: connects before
 * the first test, stops the worker and closes everything after the last. `set` receives the parts.
 */
export function useDevServerWorker(
  options: Omit<Parameters<typeof startWorker>[0], 'connection' | 'prisma'>,
  set: (parts: { server: DevServer; prisma: AppPrisma; worker: RunningWorker }) => void,
): void {
  let server: DevServer | undefined;
  let prisma: AppPrisma | undefined;
  let worker: RunningWorker | undefined;
  beforeAll(async () => {
    server = await devServer();
    prisma = testPrisma();
    worker = await startWorker({ ...options, connection: server.nativeConnection, prisma });
    set({ server, prisma, worker });
  });
  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    await prisma?.$disconnect();
  });
}

/**
 * A file whose tests each get a fresh time-skipping server (its clock starts at the real time, and one test's
 * skipped days cannot leak into the next), with Herald's search attributes registered; one Prisma client.
 */
export function useTimeSkippingServer(set: (parts: { env: TestWorkflowEnvironment; prisma: AppPrisma }) => void): void {
  let prisma: AppPrisma | undefined;
  let env: TestWorkflowEnvironment | undefined;
  beforeAll(async () => {
    prisma = testPrisma();
    await workflowBundle();
  });
  afterAll(async () => {
    await prisma?.$disconnect();
  });
  beforeEach(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: inject('temporalTestServerPath') } },
    });
    await registerSearchAttributes(env.connection, env.namespace ?? 'default');
    set({ env, prisma: prisma! });
  });
  afterEach(async () => {
    await env?.teardown();
    env = undefined;
  });
}

/** A file whose tests share the Temporal dev server (no worker of its own) and one Prisma client. */
export function useDevServer(set: (parts: { server: DevServer; prisma: AppPrisma }) => void): void {
  let server: DevServer | undefined;
  let prisma: AppPrisma | undefined;
  beforeAll(async () => {
    server = await devServer();
    prisma = testPrisma();
    set({ server, prisma });
  });
  afterAll(async () => {
    await server?.close();
    await prisma?.$disconnect();
  });
}
