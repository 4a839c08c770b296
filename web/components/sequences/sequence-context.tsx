'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { SequenceView } from '../../../domain/schemas/sequence';
import { useApiQuery, type Query } from '../../lib/use-api';
import { sequenceApi } from './sequence-api';

interface SequenceContextValue {
  sequenceId: string;
  query: Query<{ sequence: SequenceView }>;
  /** Replaces the sequence with the API's answer to a change (save, publish). */
  replace: (sequence: SequenceView) => void;
  /** Bumped whenever enrollments may have changed (an enrollment made here): tables load again. */
  enrollmentsVersion: number;
  enrollmentsChanged: () => void;
}

const SequenceContext = createContext<SequenceContextValue | null>(null);

export function useSequence(): SequenceContextValue {
  const value = useContext(SequenceContext);
  if (!value) throw new Error('useSequence() outside a sequence page');
  return value;
}

/** One sequence loaded once for its pages (builder, enrollments) and the header they share. */
export function SequenceProvider({ sequenceId, children }: { sequenceId: string; children: ReactNode }) {
  const query = useApiQuery(`sequence:${sequenceId}`, (signal) => sequenceApi.get(sequenceId, signal));
  const [enrollmentsVersion, setEnrollmentsVersion] = useState(0);
  const { setData, reload } = query;
  const replace = useCallback((sequence: SequenceView) => setData(() => ({ sequence })), [setData]);
  const enrollmentsChanged = useCallback(() => {
    setEnrollmentsVersion((v) => v + 1);
    reload(); // the counts move with the enrollments
  }, [reload]);
  const value = useMemo(() => ({ sequenceId, query, replace, enrollmentsVersion, enrollmentsChanged }), [sequenceId, query, replace, enrollmentsVersion, enrollmentsChanged]);
  return <SequenceContext.Provider value={value}>{children}</SequenceContext.Provider>;
}
