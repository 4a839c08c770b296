import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../harness/context';

// Histories of real runs of every workflow type, saved by the integration tests (HERALD_CAPTURE_HISTORIES=1).
// Replaying them against today's workflow code fails the build when a change would break runs already in
// flight; such a change must go through patched().
Runtime.install({ logger: new DefaultLogger('WARN') });

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'histories');
const WORKFLOW_TYPES = [
  'sendScheduledMessageWorkflow',
  'handleInboundMessageWorkflow',
  'sequenceEnrollmentWorkflow',
  'bulkEnrollmentWorkflow',
  'sendQuoteWorkflow',
  'recheckPendingSendsWorkflow',
];

async function fixtures() {
  const files = (await readdir(DIR)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const history = historyFromJSON(JSON.parse(await readFile(join(DIR, file), 'utf8')));
      return { file, workflowId: file.replace(/\.json$/, ''), history };
    }),
  );
}

describe('saved workflow histories', () => {
  it('cover every workflow type', async () => {
    const types = new Set((await fixtures()).map((f) => f.history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name));
    for (const type of WORKFLOW_TYPES) expect(types, type).toContain(type);
  });

  it('replay against the current workflow code without nondeterminism', async () => {
    const all = await fixtures();
    expect(all.length).toBeGreaterThan(0);
    const results = Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, all.map(({ workflowId, history }) => ({ workflowId, history })));
    const failures: string[] = [];
    for await (const result of results) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
