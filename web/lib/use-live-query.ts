'use client';

import { useCallback, useEffect, useReducer, useRef } from 'react';
import { asApiError, type Query } from './use-api';
import { LiveSync } from './live-sync';

/** How a batch of changes is merged: an update of what is shown, or 'reload' when only a full load will do. */
export type LiveMerge<T, C> = (changes: C[], current: T, signal: AbortSignal) => Promise<((current: T) => T) | 'reload'>;

export interface LiveQuery<T, C> extends Query<T> {
  /** A change to merge (a realtime event, or a local "look again"), after any load under way. */
  push: (change: C) => void;
  /** Holds merges back until the returned function is called (optimistic updates). */
  hold: () => () => void;
}

interface State<T> {
  key: string | null;
  data: T | undefined;
  error: Query<T>['error'];
  settled: boolean;
}

/**
 * `useApiQuery` for a view kept live: `load()` when `key` changes (null: not yet) and on `reload()`;
 * `push(change)` merges through `merge(changes, current)`, which fetches only what changed and returns how to
 * update the data. Loads and merges run one at a time in order (web/lib/live-sync.ts); a merge that cannot
 * be done falls back to a full load, so the view never stays on data it knows to be stale.
 *
 * The data lives in a ref as well as in React state, so a merge that starts right after a load sees its
 * result before React has rendered it.
 */
export function useLiveQuery<T, C>(key: string | null, load: (signal: AbortSignal) => Promise<T>, merge: LiveMerge<T, C>): LiveQuery<T, C> {
  const state = useRef<State<T>>({ key, data: undefined, error: null, settled: false });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const sync = useRef<LiveSync<C> | null>(null);
  const steps = useRef({ load, merge });
  steps.current = { load, merge };

  const set = useCallback((next: State<T>) => {
    state.current = next;
    rerender();
  }, []);

  useEffect(() => {
    if (key === null) return;
    const live = new LiveSync<C>({
      full: async (signal) => {
        try {
          const data = await steps.current.load(signal);
          if (!signal.aborted) set({ key, data, error: null, settled: true });
        } catch (error) {
          // What is shown for this key stays (with the error beside it); another key's data never does.
          if (!signal.aborted) set({ key, data: state.current.key === key ? state.current.data : undefined, error: asApiError(error), settled: true });
          throw error;
        }
      },
      merge: async (changes, signal) => {
        const current = state.current.key === key ? state.current.data : undefined;
        if (current === undefined) return false;
        const update = await steps.current.merge(changes, current, signal);
        if (update === 'reload') return false;
        if (!signal.aborted && state.current.key === key && state.current.data !== undefined) set({ ...state.current, data: update(state.current.data), error: null });
        return true;
      },
    });
    sync.current = live;
    live.reload();
    return () => {
      live.dispose();
      if (sync.current === live) sync.current = null;
    };
  }, [key, set]);

  const current = state.current.key === key ? state.current : null;
  return {
    data: current?.data,
    error: current?.error ?? null,
    loading: key !== null && !current?.settled,
    reload: useCallback(() => sync.current?.reload(), []),
    setData: useCallback(
      (update: (current: T | undefined) => T | undefined) => set({ ...state.current, data: update(state.current.data) }),
      [set],
    ),
    push: useCallback((change: C) => sync.current?.push(change), []),
    hold: useCallback(() => sync.current?.hold() ?? (() => {}), []),
  };
}
