'use client';

import { ExternalLinkIcon, Loader2Icon, PauseIcon, PlayIcon, RefreshCwIcon, SquareIcon, UsersIcon } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { EnrollmentViewSchema } from '../../../domain/schemas/sequence';
import { errorMessage } from '../../lib/api-error';
import { browserTimeZone } from '../../lib/auth-forms';
import { formatAbsolute, formatRelative, parseIso, safeTimeZone } from '../../lib/format';
import { roleAtLeast } from '../../lib/roles';
import { useApiQuery } from '../../lib/use-api';
import { ConfirmDialog } from '../confirm-dialog';
import { EmptyState, ErrorState } from '../error-state';
import { TableLoading } from '../settings/table-loading';
import { useMe } from '../shell/me-context';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Checkbox } from '../ui/checkbox';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '../ui/select';
import { toast } from '../ui/sonner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../ui/table';
import { sequenceApi, type EnrollmentAction, type EnrollmentStatusFilter } from './sequence-api';
import { useSequence } from './sequence-context';
import { ENROLLMENT_STATUS_LABELS, enrollmentStatusVariant, stopReasonLabel } from './sequence-words';

type Enrollment = z.infer<typeof EnrollmentViewSchema>;

const ACTION_WORDS: Record<EnrollmentAction, { verb: string; done: string }> = {
  pause: { verb: 'pause', done: 'paused' },
  resume: { verb: 'resume', done: 'resumed' },
  stop: { verb: 'stop', done: 'stopped' },
};

/** Which enrollments an action applies to: pause a running one, resume a paused one, stop either. */
function applies(action: EnrollmentAction, e: Enrollment): boolean {
  if (action === 'pause') return e.status === 'active';
  if (action === 'resume') return e.status === 'paused';
  return e.status === 'active' || e.status === 'paused';
}

/** What the row shows at once, before the workflow has answered. */
function optimistic(action: EnrollmentAction, e: Enrollment): Enrollment {
  const now = new Date().toISOString();
  if (action === 'pause') return { ...e, status: 'paused', pausedAt: now };
  if (action === 'resume') return { ...e, status: 'active', pausedAt: null };
  return { ...e, status: 'stopped', stopReason: 'manual', nextSendAt: null, endedAt: now, pausedAt: null };
}

const contactName = (e: Enrollment) => e.contactName ?? e.contactId;

/**
 * The sequence's enrollments from Postgres: status, step, next send, why it stopped, its run in Temporal Web;
 * pause, resume and stop one or many (checkboxes). Changes show at once and are rolled back, row by row, when
 * the workflow refuses or cannot be reached.
 */
export function EnrollmentsTable() {
  const { data: me } = useMe();
  const { sequenceId, query: sequenceQuery, enrollmentsVersion } = useSequence();
  const sequence = sequenceQuery.data!.sequence;
  const canAct = roleAtLeast(me.role, 'agent');
  const zone = safeTimeZone(browserTimeZone() ?? me.tenant.timeZone);
  const [status, setStatus] = useState<EnrollmentStatusFilter | 'all'>('all');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [loadingMore, setLoadingMore] = useState(false);
  const statusFilter = status === 'all' ? undefined : status;
  const page = useApiQuery(`enrollments:${sequenceId}:${status}:${enrollmentsVersion}`, (signal) => sequenceApi.enrollments({ sequenceId, status: statusFilter }, signal));
  const rows = page.data?.enrollments;
  const versions = useMemo(() => new Map(sequence.versions.map((v) => [v.id, v.version])), [sequence.versions]);
  const stepCounts = useMemo(() => new Map([sequence.published, sequence.draft].flatMap((v) => (v ? [[v.id, v.steps.length] as const] : []))), [sequence.published, sequence.draft]);
  const chosen = (rows ?? []).filter((e) => selected.has(e.id));

  const setRow = (id: string, update: (e: Enrollment) => Enrollment) =>
    page.setData((d) => d && { ...d, enrollments: d.enrollments.map((e) => (e.id === id ? update(e) : e)) });

  const act = (action: EnrollmentAction, targets: Enrollment[]) => {
    const eligible = targets.filter((e) => applies(action, e));
    if (eligible.length === 0) return;
    for (const e of eligible) setRow(e.id, (current) => optimistic(action, current));
    setSelected(new Set());
    void Promise.allSettled(eligible.map((e) => sequenceApi.changeEnrollment(e.id, action))).then((results) => {
      const failures: string[] = [];
      results.forEach((result, i) => {
        const before = eligible[i]!;
        if (result.status === 'fulfilled') setRow(before.id, () => ({ ...result.value.enrollment, contactName: result.value.enrollment.contactName ?? before.contactName }));
        else {
          setRow(before.id, () => before); // roll back
          failures.push(`${contactName(before)}: ${errorMessage(result.reason)}`);
        }
      });
      const succeeded = eligible.length - failures.length;
      if (succeeded > 0) {
        toast.success(succeeded === 1 ? `${contactName(eligible.find((_, i) => results[i]!.status === 'fulfilled')!)} ${ACTION_WORDS[action].done}.` : `${succeeded} enrollments ${ACTION_WORDS[action].done}.`);
        sequenceQuery.reload(); // the counts moved
      }
      if (failures.length > 0) toast.error(`Could not ${ACTION_WORDS[action].verb} ${failures.length === 1 ? 'one enrollment' : `${failures.length} enrollments`}. ${failures.join(' ')}`);
    });
  };

  const loadMore = async () => {
    const cursor = page.data?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const next = await sequenceApi.enrollments({ sequenceId, status: statusFilter, cursor });
      page.setData((d) => d && { enrollments: [...d.enrollments, ...next.enrollments], nextCursor: next.nextCursor });
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  };

  const allChecked = rows !== undefined && rows.length > 0 && rows.every((e) => selected.has(e.id));
  const someChecked = !allChecked && chosen.length > 0;
  const count = (action: EnrollmentAction) => chosen.filter((e) => applies(action, e)).length;

  const stopDialog = (targets: Enrollment[], trigger: React.ReactNode) => (
    <ConfirmDialog
      trigger={trigger}
      title={targets.length === 1 ? `Stop ${contactName(targets[0]!)}’s enrollment?` : `Stop ${targets.length} enrollments?`}
      description="Nothing more of this sequence is sent to them; a step waiting to go out is cancelled. This cannot be undone, but they can be enrolled again later unless the sequence enrolls a contact only once."
      confirmLabel={targets.length === 1 ? 'Stop enrollment' : `Stop ${targets.length}`}
      onConfirm={async () => act('stop', targets)}
    />
  );

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <Select value={status} onValueChange={(v) => (setStatus(v as EnrollmentStatusFilter | 'all'), setSelected(new Set()))}>
            <SelectTrigger className="w-40" aria-label="Show enrollments">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="all">All statuses</SelectItem>
              {(Object.keys(ENROLLMENT_STATUS_LABELS) as EnrollmentStatusFilter[]).map((s) => (
                <SelectItem key={s} value={s}>
                  {ENROLLMENT_STATUS_LABELS[s]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Button variant="outline" size="icon" aria-label="Refresh enrollments" onClick={() => (page.reload(), sequenceQuery.reload())}>
            <RefreshCwIcon aria-hidden="true" />
          </Button>
        </div>
        {canAct && chosen.length > 0 && (
          <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Selected enrollments" data-testid="bulk-actions">
            <span className="text-sm text-muted-foreground">{chosen.length} selected</span>
            <Button variant="outline" size="sm" disabled={count('pause') === 0} onClick={() => act('pause', chosen)}>
              <PauseIcon aria-hidden="true" />
              Pause {count('pause') || ''}
            </Button>
            <Button variant="outline" size="sm" disabled={count('resume') === 0} onClick={() => act('resume', chosen)}>
              <PlayIcon aria-hidden="true" />
              Resume {count('resume') || ''}
            </Button>
            {stopDialog(
              chosen.filter((e) => applies('stop', e)),
              <Button variant="outline" size="sm" className="text-destructive hover:text-destructive" disabled={count('stop') === 0}>
                <SquareIcon aria-hidden="true" />
                Stop {count('stop') || ''}
              </Button>,
            )}
          </div>
        )}
      </div>

      {page.error && !page.data ? (
        <ErrorState title="Could not load enrollments" error={page.error} onRetry={page.reload} />
      ) : !rows ? (
        <TableLoading label="Loading enrollments" rows={5} />
      ) : rows.length === 0 ? (
        <EmptyState icon={UsersIcon} title={status === 'all' ? 'Nobody enrolled yet' : `No ${ENROLLMENT_STATUS_LABELS[status].toLowerCase()} enrollments`}>
          {status === 'all'
            ? sequence.published
              ? 'Enroll one contact, a selection, or everyone matching a filter.'
              : 'Publish the sequence, then enroll contacts.'
            : 'Choose another status to see the rest.'}
        </EmptyState>
      ) : (
        <>
          <Table aria-label="Enrollments">
            <TableHeader>
              <TableRow>
                {canAct && (
                  <TableHead className="w-8">
                    <Checkbox
                      className="align-middle"
                      checked={allChecked ? true : someChecked ? 'indeterminate' : false}
                      onCheckedChange={(on) => setSelected(on === true ? new Set(rows.map((e) => e.id)) : new Set())}
                      aria-label="Select every enrollment shown"
                    />
                  </TableHead>
                )}
                <TableHead>Contact</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="hidden sm:table-cell">Step</TableHead>
                <TableHead className="hidden md:table-cell">Next send</TableHead>
                <TableHead className="hidden lg:table-cell">Stop reason</TableHead>
                <TableHead className="hidden lg:table-cell">Version</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((e) => {
                const next = parseIso(e.nextSendAt);
                const steps = stepCounts.get(e.versionId);
                const running = e.status === 'active' || e.status === 'paused';
                const name = contactName(e);
                return (
                  <TableRow key={e.id} data-testid="enrollment-row" data-enrollment-id={e.id} data-status={e.status} data-state={selected.has(e.id) ? 'selected' : undefined}>
                    {canAct && (
                      <TableCell>
                        <Checkbox
                          className="align-middle"
                          checked={selected.has(e.id)}
                          onCheckedChange={(on) => {
                            const nextSet = new Set(selected);
                            if (on === true) nextSet.add(e.id);
                            else nextSet.delete(e.id);
                            setSelected(nextSet);
                          }}
                          aria-label={`Select ${name}`}
                        />
                      </TableCell>
                    )}
                    <TableCell className="max-w-40 truncate font-medium sm:max-w-56" title={e.contactId} data-testid="enrollment-contact">
                      {name}
                    </TableCell>
                    <TableCell>
                      <Badge variant={enrollmentStatusVariant(e.status)} data-testid="enrollment-status">
                        {ENROLLMENT_STATUS_LABELS[e.status]}
                      </Badge>
                    </TableCell>
                    <TableCell className="hidden tabular-nums sm:table-cell">
                      {e.status === 'completed' ? 'All sent' : `Step ${e.currentStep + 1}${steps ? ` of ${steps}` : ''}`}
                    </TableCell>
                    <TableCell className="hidden md:table-cell">
                      {next && running ? (
                        <time dateTime={e.nextSendAt!} title={formatAbsolute(next, zone)}>
                          {e.status === 'paused' ? 'On hold' : formatRelative(next, zone)}
                        </time>
                      ) : (
                        <span className="text-muted-foreground">—</span>
                      )}
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground lg:table-cell">{stopReasonLabel(e.stopReason) ?? '—'}</TableCell>
                    <TableCell className="hidden tabular-nums lg:table-cell">v{versions.get(e.versionId) ?? '?'}</TableCell>
                    <TableCell>
                      <div className="flex items-center justify-end gap-0.5">
                        {canAct && e.status === 'active' && (
                          <Button variant="ghost" size="icon" className="size-8" aria-label={`Pause ${name}`} onClick={() => act('pause', [e])}>
                            <PauseIcon aria-hidden="true" />
                          </Button>
                        )}
                        {canAct && e.status === 'paused' && (
                          <Button variant="ghost" size="icon" className="size-8" aria-label={`Resume ${name}`} onClick={() => act('resume', [e])}>
                            <PlayIcon aria-hidden="true" />
                          </Button>
                        )}
                        {canAct &&
                          running &&
                          stopDialog(
                            [e],
                            <Button variant="ghost" size="icon" className="size-8 text-destructive hover:text-destructive" aria-label={`Stop ${name}`}>
                              <SquareIcon aria-hidden="true" />
                            </Button>,
                          )}
                        {e.temporalUrl && (
                          <Button variant="ghost" size="icon" className="size-8" asChild>
                            <a href={e.temporalUrl} target="_blank" rel="noreferrer" aria-label={`${name}’s run in Temporal Web (opens in a new tab)`} data-testid="enrollment-run-link">
                              <ExternalLinkIcon aria-hidden="true" />
                            </a>
                          </Button>
                        )}
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {page.data?.nextCursor && (
            <Button variant="outline" className="mx-auto" disabled={loadingMore} onClick={() => void loadMore()}>
              {loadingMore && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              Load more
            </Button>
          )}
        </>
      )}
    </div>
  );
}
