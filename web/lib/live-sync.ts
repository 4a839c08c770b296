/**
 * Keeps one view in step with the API, one load at a time: a full load (at first, on reload, and whenever
 * merging is not possible) or a merge of the changes that arrived since the last step. Changes that arrive
 * while a load runs wait for it and go together in the next merge, so a merge never lands under a full load
 * that started before its change (the full load could not have seen it) and a burst of events costs one
 * request per step, not one per event.
 *
 * `hold()` pauses it (the steps wait, the changes pile up) until released: an optimistic send holds it until
 * its answer is on screen, so the event of the message it sent cannot show a second bubble beside the pending one.
 */
export interface LiveSyncSteps<C> {
  /** Loads everything again; throws when it failed. */
  full(signal: AbortSignal): Promise<void>;
  /** Merges the changes; false (or a throw) asks for a full load instead. */
  merge(changes: C[], signal: AbortSignal): Promise<boolean>;
  /** A full load failed (what is shown stays, and the next change loads everything again). */
  onFullError?(error: unknown): void;
}

export class LiveSync<C> {
  private queue: C[] = [];
  private fullWanted = false;
  /** The last full load failed: merging onto what it left would build on data known to be stale. */
  private stale = false;
  private running = false;
  private holds = 0;
  private readonly controller = new AbortController();
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly steps: LiveSyncSteps<C>) {}

  /** Loads everything (again), after the step under way. Changes waiting now are covered by it. */
  reload(): void {
    this.fullWanted = true;
    void this.run();
  }

  push(change: C): void {
    this.queue.push(change);
    void this.run();
  }

  /** Pauses the steps until the returned function is called (once is enough; more calls do nothing). */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      void this.run();
    };
  }

  /** Stops for good: a step under way is aborted and its answer dropped. */
  dispose(): void {
    this.controller.abort();
    this.settleIdle();
  }

  /** Resolves once nothing is under way or waiting (or it is held or disposed). */
  idle(): Promise<void> {
    if (!this.running && (this.holds > 0 || !this.hasWork() || this.controller.signal.aborted)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private hasWork(): boolean {
    return this.fullWanted || this.queue.length > 0;
  }

  private async run(): Promise<void> {
    const { signal } = this.controller;
    if (this.running || this.holds > 0 || signal.aborted) return;
    this.running = true;
    try {
      while (!signal.aborted && this.holds === 0 && this.hasWork()) {
        if (this.fullWanted || this.stale) {
          this.fullWanted = false;
          this.queue = [];
          try {
            await this.steps.full(signal);
            this.stale = false;
          } catch (error) {
            this.stale = true;
            if (!signal.aborted) this.steps.onFullError?.(error);
          }
          continue;
        }
        const changes = this.queue.splice(0);
        let merged: boolean;
        try {
          merged = await this.steps.merge(changes, signal);
        } catch {
          merged = false;
        }
        if (!merged && !signal.aborted) this.fullWanted = true;
      }
    } finally {
      this.running = false;
      this.settleIdle();
    }
  }

  private settleIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
