import { describe, expect, it } from 'vitest';
import { LiveSync } from './live-sync';

/** A step that waits until the test lets it finish, recording what it was given. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { done, open, fail };
}

function harness() {
  const log: string[] = [];
  const gates: Array<ReturnType<typeof gate>> = [];
  let mergeAnswer = true;
  const sync = new LiveSync<string>({
    full: async () => {
      const g = gate();
      gates.push(g);
      log.push('full');
      await g.done;
    },
    merge: async (changes) => {
      const g = gate();
      gates.push(g);
      log.push(`merge ${changes.join(',')}`);
      await g.done;
      return mergeAnswer;
    },
    onFullError: () => log.push('full failed'),
  });
  /** Lets the oldest waiting step finish (and the next one start). */
  const finish = async (how: 'ok' | 'fail' = 'ok') => {
    const g = gates.shift()!;
    if (how === 'ok') g.open();
    else g.fail(new Error('down'));
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
  };
  return { sync, log, finish, answerMerges: (ok: boolean) => (mergeAnswer = ok) };
}

describe('LiveSync', () => {
  it('merges the changes that arrived during a load together, after it', async () => {
    const { sync, log, finish } = harness();
    sync.reload();
    sync.push('a');
    sync.push('b');
    expect(log).toEqual(['full']);
    await finish();
    expect(log).toEqual(['full', 'merge a,b']);
    sync.push('c');
    await finish();
    expect(log).toEqual(['full', 'merge a,b', 'merge c']);
    await finish();
    await sync.idle();
  });

  it('loads everything when a merge cannot be done or fails, and the changes before it are covered by that load', async () => {
    const { sync, log, finish, answerMerges } = harness();
    sync.reload();
    await finish();
    answerMerges(false);
    sync.push('x');
    await finish();
    expect(log).toEqual(['full', 'merge x', 'full']);
    answerMerges(true);
    await finish();
    sync.push('y');
    await finish('fail');
    expect(log.slice(3)).toEqual(['merge y', 'full']);
    await finish();
    await sync.idle();
  });

  it('after a failed load, never merges onto what it left: the next change loads everything', async () => {
    const { sync, log, finish } = harness();
    sync.reload();
    await finish('fail');
    expect(log).toEqual(['full', 'full failed']);
    await sync.idle();
    sync.push('z');
    expect(log).toEqual(['full', 'full failed', 'full']);
    await finish();
    sync.push('w');
    expect(log.at(-1)).toBe('merge w');
    await finish();
  });

  it('holds the steps back until released, then merges what piled up at once', async () => {
    const { sync, log, finish } = harness();
    sync.reload();
    await finish();
    const release = sync.hold();
    const alsoHeld = sync.hold();
    sync.push('p');
    sync.push('q');
    expect(log).toEqual(['full']);
    release();
    release();
    expect(log).toEqual(['full']);
    alsoHeld();
    expect(log).toEqual(['full', 'merge p,q']);
    await finish();
  });

  it('does nothing more once disposed', async () => {
    const { sync, log, finish } = harness();
    sync.reload();
    sync.push('late');
    sync.dispose();
    await finish();
    sync.push('later');
    expect(log).toEqual(['full']);
    await sync.idle();
  });
});
