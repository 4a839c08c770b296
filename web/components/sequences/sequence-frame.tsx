'use client';

import { ArrowLeftIcon, ExternalLinkIcon } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { roleAtLeast } from '../../lib/roles';
import { ErrorState } from '../error-state';
import { useMe } from '../shell/me-context';
import { TabNav } from '../tab-nav';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Skeleton } from '../ui/skeleton';
import { EnrollDialog } from './enroll-dialog';
import { SequenceProvider, useSequence } from './sequence-context';
import { sequenceStatus } from './sequence-words';

function Header() {
  const { data: me } = useMe();
  const { sequenceId, query } = useSequence();
  const base = `/sequences/${encodeURIComponent(sequenceId)}`;
  const sequence = query.data?.sequence;

  if (!sequence) {
    if (query.error) return <ErrorState title={query.error.status === 404 ? 'Sequence not found' : 'Could not load the sequence'} error={query.error} onRetry={query.reload} />;
    return (
      <div className="grid gap-2" role="status" aria-busy="true" aria-label="Loading the sequence">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-4 w-48" />
      </div>
    );
  }

  const status = sequenceStatus(sequence);
  const tabs = [
    { href: base, label: 'Builder' },
    { href: `${base}/enrollments`, label: 'Enrollments', count: sequence.stats.total },
  ];
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid min-w-0 gap-1">
          <h1 className="text-2xl font-semibold tracking-tight break-words">{sequence.name}</h1>
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <Badge variant={status.variant} data-testid="sequence-status">
              {status.label}
            </Badge>
            <span>
              {sequence.published ? `Version ${sequence.published.version} runs` : `Version ${status.version}, not published yet`}
              {sequence.published && sequence.draft ? ` · draft v${sequence.draft.version} waiting` : ''}
            </span>
            <a href={sequence.temporalRunsUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 underline-offset-4 hover:underline">
              Runs in Temporal Web
              <ExternalLinkIcon className="size-3.5" aria-hidden="true" />
              <span className="sr-only">(opens in a new tab)</span>
            </a>
          </p>
        </div>
        {roleAtLeast(me.role, 'agent') && <EnrollDialog sequence={sequence} />}
      </div>
      <TabNav label="Sequence" tabs={tabs} />
    </div>
  );
}

/** A sequence's pages: the way back, its name and status, Enroll, and the Builder and Enrollments tabs. */
export function SequenceFrame({ sequenceId, children }: { sequenceId: string; children: ReactNode }) {
  return (
    <SequenceProvider sequenceId={sequenceId}>
      <div className="mx-auto grid w-full max-w-7xl gap-6 p-4 sm:p-6">
        <Button variant="link" asChild className="h-auto w-fit px-0 text-muted-foreground">
          <Link href="/sequences">
            <ArrowLeftIcon aria-hidden="true" />
            All sequences
          </Link>
        </Button>
        <Header />
        <Body>{children}</Body>
      </div>
    </SequenceProvider>
  );
}

/** The page under the header, once the sequence is there (the header shows loading and errors). */
function Body({ children }: { children: ReactNode }) {
  const { query } = useSequence();
  return query.data ? <>{children}</> : null;
}
