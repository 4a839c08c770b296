'use client';

import { PlusIcon, WorkflowIcon } from 'lucide-react';
import Link from 'next/link';
import { roleAtLeast } from '../../lib/roles';
import { useApiQuery } from '../../lib/use-api';
import { EmptyState, ErrorState } from '../error-state';
import { PageHeader } from '../page-header';
import { TableLoading } from '../settings/table-loading';
import { useMe } from '../shell/me-context';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../ui/table';
import { sequenceApi } from './sequence-api';
import { formatRate, sequenceStatus } from './sequence-words';

/** Every sequence with where it stands: published or draft, its version, its enrollments and how many replied. */
export function SequenceList() {
  const { data: me } = useMe();
  const canEdit = roleAtLeast(me.role, 'admin');
  const sequences = useApiQuery('sequences', (signal) => sequenceApi.list(signal));
  const list = sequences.data?.sequences;
  const newButton = canEdit && (
    <Button asChild>
      <Link href="/sequences/new">
        <PlusIcon aria-hidden="true" />
        New sequence
      </Link>
    </Button>
  );

  return (
    <div className="mx-auto grid w-full max-w-6xl gap-6 p-4 sm:p-6">
      <PageHeader title="Sequences" description="Automated follow-ups, each step a durable workflow." actions={list && list.length > 0 ? newButton : undefined} />
      {sequences.error && !sequences.data ? (
        <ErrorState title="Could not load sequences" error={sequences.error} onRetry={sequences.reload} />
      ) : !list ? (
        <TableLoading label="Loading sequences" rows={4} />
      ) : list.length === 0 ? (
        <EmptyState icon={WorkflowIcon} title="No sequences yet" action={newButton || undefined}>
          {canEdit
            ? 'A sequence sends a series of messages — SMS, WhatsApp or email — with waits between them, and stops when the contact replies.'
            : 'An admin creates sequences; you will see them here with how they are doing.'}
        </EmptyState>
      ) : (
        <Table aria-label="Sequences">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="hidden text-right md:table-cell">Steps</TableHead>
              <TableHead className="hidden text-right sm:table-cell">Active</TableHead>
              <TableHead className="hidden text-right sm:table-cell">Completed</TableHead>
              <TableHead className="hidden text-right sm:table-cell">Stopped</TableHead>
              <TableHead className="text-right">Reply rate</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((sequence) => {
              const status = sequenceStatus(sequence);
              const current = sequence.published ?? sequence.draft;
              const { stats } = sequence;
              return (
                <TableRow key={sequence.id} data-testid="sequence-row">
                  <TableCell className="max-w-48 whitespace-normal sm:max-w-none">
                    <Link href={`/sequences/${encodeURIComponent(sequence.id)}`} className="font-medium underline-offset-4 hover:underline focus-visible:underline">
                      {sequence.name}
                    </Link>
                    <span className="mt-0.5 block text-xs text-muted-foreground sm:hidden">
                      {stats.active + stats.paused} active · {stats.completed} completed · {stats.stopped + stats.failed} stopped
                    </span>
                  </TableCell>
                  <TableCell className="whitespace-normal">
                    <span className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
                      <Badge variant={status.variant} data-testid="sequence-status">
                        {status.label}
                      </Badge>
                      <span className="text-xs text-muted-foreground">{status.note}</span>
                    </span>
                  </TableCell>
                  <TableCell className="hidden text-right tabular-nums md:table-cell">{current?.steps.length ?? 0}</TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell" title={stats.paused ? `${stats.paused} paused` : undefined}>
                    {stats.active + stats.paused}
                  </TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">{stats.completed}</TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell" title={stats.failed ? `${stats.failed} failed` : undefined}>
                    {stats.stopped + stats.failed}
                  </TableCell>
                  <TableCell className="text-right tabular-nums" title={stats.total ? `${stats.replied} of ${stats.total} replied` : 'Nobody enrolled yet'}>
                    {formatRate(stats.replyRate)}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
