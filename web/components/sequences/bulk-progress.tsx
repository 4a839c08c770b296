'use client';

import { CheckCircle2Icon, ExternalLinkIcon, Loader2Icon, XCircleIcon } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { BulkEnrollmentViewSchema } from '../../../domain/schemas/sequence';
import { errorMessage } from '../../lib/api-error';
import { Progress } from '../ui/progress';
import { sequenceApi } from './sequence-api';

type BulkEnrollment = z.infer<typeof BulkEnrollmentViewSchema>;

const POLL_MS = 1000;

/**
 * Follows a bulk enrollment until it finishes: the API's row moves as its workflow starts each batch, so it is
 * asked again every second (there is no event for it on the stream) and the bar shows contacts looked at.
 */
export function BulkProgress({ initial, onFinished }: { initial: BulkEnrollment; onFinished: (bulk: BulkEnrollment) => void }) {
  const [bulk, setBulk] = useState(initial);
  const [pollError, setPollError] = useState<unknown>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    if (bulk.status !== 'running') {
      finished.current(bulk);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      sequenceApi.bulkProgress(bulk.id, controller.signal).then(
        ({ bulkEnrollment }) => (setPollError(null), setBulk(bulkEnrollment)),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setPollError(error);
          setBulk((b) => ({ ...b })); // try again after the next interval
        },
      );
    }, POLL_MS);
    return () => (clearTimeout(timer), controller.abort());
  }, [bulk]);

  const looked = bulk.enrolled + bulk.skipped;
  const done = bulk.status === 'completed';
  const failed = bulk.status === 'failed';
  return (
    <div className="grid gap-3 rounded-md border p-4" data-testid="bulk-progress" data-status={bulk.status}>
      <div className="flex items-center gap-2 text-sm font-medium">
        {done ? (
          <CheckCircle2Icon className="size-4 text-success" aria-hidden="true" />
        ) : failed ? (
          <XCircleIcon className="size-4 text-destructive" aria-hidden="true" />
        ) : (
          <Loader2Icon className="size-4 animate-spin" aria-hidden="true" />
        )}
        {done ? 'Enrollment finished' : failed ? 'Enrollment failed' : 'Enrolling…'}
      </div>
      <Progress value={looked} max={Math.max(bulk.total, 1)} aria-label="Contacts looked at" />
      <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="bulk-progress-text">
        {bulk.total === 0
          ? 'No contact matched.'
          : `${looked} of ${bulk.total} looked at · ${bulk.enrolled} enrolled · ${bulk.skipped} skipped${bulk.skipped ? ' (already enrolled, opted out or enrolled before)' : ''}`}
      </p>
      {failed && bulk.error && <p className="text-sm text-destructive">{bulk.error}</p>}
      {pollError !== null && <p className="text-sm text-destructive">{errorMessage(pollError)} Trying again…</p>}
      {bulk.temporalUrl && (
        <a href={bulk.temporalUrl} target="_blank" rel="noreferrer" className="inline-flex w-fit items-center gap-1 text-xs text-muted-foreground underline-offset-4 hover:underline">
          Its run in Temporal Web
          <ExternalLinkIcon className="size-3" aria-hidden="true" />
          <span className="sr-only">(opens in a new tab)</span>
        </a>
      )}
    </div>
  );
}
