'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isApiError } from './api-error';

export interface Query<T> {
  data: T | undefined;
  error: ApiError | null;
  /** True until the first answer (data or error) for the current key. */
  loading: boolean;
  /** Loads again, keeping what is shown until the new answer arrives. */
  reload: () => void;
  /** Replaces the data locally (optimistic updates; the next reload settles it). */
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

export function asApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  console.error(error);
  return new ApiError('Something unexpected went wrong. Try again.', 'UNEXPECTED', null);
}

/**
 * Loads `load()` when `key` changes (null: not yet), aborting the previous load; the answer for a stale key is
 * dropped, so a slow first request never overwrites a newer one.
 */
export function useApiQuery<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Query<T> {
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: ApiError | null; settled: boolean }>({
    key,
    data: undefined,
    error: null,
    settled: false,
  });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ key, data, error: null, settled: true }),
      (error: unknown) => !controller.signal.aborted && setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: asApiError(error), settled: true })),
    );
    return () => controller.abort();
  }, [key, generation]);

  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : null,
    loading: key !== null && !(current && state.settled),
    reload: useCallback(() => setGeneration((g) => g + 1), []),
    setData: useCallback((update) => setState((s) => ({ ...s, data: update(s.data) })), []),
  };
}

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  error: ApiError | null;
  reset: () => void;
}

/** A mutation with its pending and error states; `run` resolves to undefined when it failed (see `error`). */
export function useApiAction<A extends unknown[], R>(action: (...args: A) => Promise<R>): Action<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const actionRef = useRef(action);
  actionRef.current = action;
  const run = useCallback(async (...args: A) => {
    setPending(true);
    setError(null);
    try {
      return await actionRef.current(...args);
    } catch (e) {
      setError(asApiError(e));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { run, pending, error, reset: useCallback(() => setError(null), []) };
}
