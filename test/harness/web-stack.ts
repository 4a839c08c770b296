import type { RequestListener } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { TEST_AUTH, testApi, testRealtimeHub, type startWorker } from './context';
import { useDevServerWorker, type DevServer } from './suites';
import { listen, startWebApp, type RunningWebApp } from './web-app';

export interface WebStack {
  server: DevServer;
  prisma: AppPrisma;
  /** The web app (its production build), proxying /api to `api`. */
  web: RunningWebApp;
  api: { url: string; close(): Promise<void> };
  /** Calls straight to the API (supertest), e.g. to check what the server holds after a step in the browser. */
  request: ReturnType<typeof testApi>['request'];
}

/**
 * A browser test file's product: the dev server and a worker on the file's task queue, the API with its
 * realtime stream, and the web app in front of it. The API must trust the web app's origin (CSRF, links in
 * emails), which is known only once the web app listens: so the API's port opens first (answering 503) and
 * gets its app once the web app's URL is known. `set` receives the parts before the first test.
 */
type ApiDepsOverrides = NonNullable<Parameters<typeof testApi>[0]['deps']>;

export function useWebStack(
  options: Omit<Parameters<typeof startWorker>[0], 'connection' | 'prisma'> & { apiDeps?: ApiDepsOverrides },
  set: (stack: WebStack) => void,
): void {
  const { apiDeps, ...workerOptions } = options;
  let server: DevServer;
  let prisma: AppPrisma;
  let api: WebStack['api'] | undefined;
  let web: RunningWebApp | undefined;
  useDevServerWorker(workerOptions, (parts) => ({ server, prisma } = parts));
  beforeAll(async () => {
    let handler: RequestListener = (_req, res) => res.writeHead(503).end();
    api = await listen((req, res) => handler(req, res));
    web = await startWebApp({ apiUrl: api.url });
    const { app, request } = testApi({
      prisma,
      client: server.client,
      taskQueue: options.taskQueue,
      deps: { auth: { ...TEST_AUTH, appUrl: web.url }, realtime: { hub: testRealtimeHub(prisma), maxStreamMs: 120_000 }, ...apiDeps },
    });
    handler = app as unknown as RequestListener;
    set({ server, prisma, web, api, request });
  }, 240_000);
  afterAll(async () => {
    await web?.stop();
    await api?.close();
  });
}
