'use client';

import { HistoryIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { ACTOR_KINDS, EVENT_TYPE_NAMES, eventTypeWords, SUBJECT_TYPES } from '../../../domain/audit';
import { AuditLogViewSchema, type AuditLogView } from '../../../domain/schemas/audit-log';
import { api } from '../../lib/api-client';
import { errorMessage } from '../../lib/api-error';
import { formatAbsolute, formatShort } from '../../lib/format';
import { useApiQuery } from '../../lib/use-api';
import { EmptyState, ErrorState } from '../error-state';
import { TableLoading } from '../settings/table-loading';
import { useMe } from '../shell/me-context';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Input } from '../ui/input';
import { Label } from '../ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '../ui/select';
import { toast } from '../ui/sonner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../ui/table';
import { apiQuery, filtersFromSearch, searchFromFilters, subjectHref, type AuditFilters } from './audit-log-query';

const ACTOR_LABELS: Record<(typeof ACTOR_KINDS)[number], string> = { user: 'Member', apiKey: 'API key', ingestToken: 'Ingest token', contact: 'Contact', system: 'Herald' };
const subjectWords = (type: string) => type.replace(/_/g, ' ');
const ANY = 'any';

function FilterSelect({ label, value, options, onChange, testId }: { label: string; value: string | undefined; options: Array<{ value: string; label: string }>; onChange: (value: string | undefined) => void; testId: string }) {
  return (
    <div className="grid gap-1.5">
      <Label className="text-xs text-muted-foreground">{label}</Label>
      <Select value={value ?? ANY} onValueChange={(v) => onChange(v === ANY ? undefined : v)}>
        <SelectTrigger className="w-full" aria-label={label} data-testid={testId}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ANY}>Any</SelectItem>
          {options.map((o) => (
            <SelectItem key={o.value} value={o.value}>
              {o.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

/** Who did what, when: the tenant's audit log, newest first, filtered from the URL, a page at a time. */
export function AuditLogPage() {
  const { data: me } = useMe();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = filtersFromSearch(new URLSearchParams(params.toString()));
  const key = searchFromFilters(filters);
  const log = useApiQuery(`audit:${key}`, (signal) => api.request('/api/audit-log', { query: apiQuery(filters), schema: AuditLogViewSchema, signal }));
  const [loadingMore, setLoadingMore] = useState(false);
  const zone = me.tenant.timeZone;

  const setFilter = (change: Partial<AuditFilters>) => {
    const next = searchFromFilters({ ...filters, ...change });
    router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
  };
  const loadMore = async (data: AuditLogView) => {
    if (!data.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api.request('/api/audit-log', { query: apiQuery(filters, data.nextCursor), schema: AuditLogViewSchema });
      log.setData((d) => d && { entries: [...d.entries, ...page.entries], nextCursor: page.nextCursor });
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  };
  const filtered = key !== '';

  return (
    <div className="grid gap-4">
      <div className="grid gap-3 rounded-lg border p-3 sm:grid-cols-2 lg:grid-cols-5" data-testid="audit-filters">
        <FilterSelect
          label="Who"
          testId="filter-actor"
          value={filters.actorType}
          options={ACTOR_KINDS.map((k) => ({ value: k, label: ACTOR_LABELS[k] }))}
          onChange={(actorType) => setFilter({ actorType: actorType as AuditFilters['actorType'] })}
        />
        <FilterSelect
          label="Did"
          testId="filter-action"
          value={filters.type}
          options={EVENT_TYPE_NAMES.map((t) => ({ value: t, label: eventTypeWords(t) }))}
          onChange={(type) => setFilter({ type: type as AuditFilters['type'] })}
        />
        <FilterSelect
          label="To"
          testId="filter-subject"
          value={filters.subjectType}
          options={SUBJECT_TYPES.map((t) => ({ value: t, label: subjectWords(t) }))}
          onChange={(subjectType) => setFilter({ subjectType: subjectType as AuditFilters['subjectType'] })}
        />
        <div className="grid gap-1.5">
          <Label htmlFor="audit-from" className="text-xs text-muted-foreground">
            From
          </Label>
          <Input id="audit-from" type="date" value={filters.from ?? ''} max={filters.to} onChange={(e) => setFilter({ from: e.target.value || undefined })} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-to" className="text-xs text-muted-foreground">
            Until
          </Label>
          <Input id="audit-to" type="date" value={filters.to ?? ''} min={filters.from} onChange={(e) => setFilter({ to: e.target.value || undefined })} />
        </div>
      </div>
      {log.error && !log.data ? (
        <ErrorState title="Could not load the audit log" error={log.error} onRetry={log.reload} />
      ) : !log.data ? (
        <TableLoading label="Loading the audit log" rows={6} />
      ) : log.data.entries.length === 0 ? (
        <EmptyState
          icon={HistoryIcon}
          title={filtered ? 'Nothing matches these filters' : 'Nothing recorded yet'}
          action={filtered ? <Button variant="outline" onClick={() => router.replace(pathname)}>Clear the filters</Button> : undefined}
        >
          {filtered ? 'Try a wider time range or fewer filters.' : 'Changes to settings, people, templates, sequences, contacts and messages appear here with who made them.'}
        </EmptyState>
      ) : (
        <>
          <Table aria-label="Audit log">
            <TableHeader>
              <TableRow>
                <TableHead className="hidden sm:table-cell">When</TableHead>
                <TableHead>Who</TableHead>
                <TableHead>What</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {log.data.entries.map((entry) => {
                const href = subjectHref(entry.subject);
                const label = entry.subject.label ?? `${subjectWords(entry.subject.type)} ${entry.subject.id}`;
                const at = new Date(entry.at);
                return (
                  <TableRow key={entry.id} data-testid="audit-row">
                    <TableCell className="hidden align-top text-muted-foreground sm:table-cell">
                      <time dateTime={entry.at} title={formatAbsolute(at, zone)}>
                        {formatShort(at, zone)}
                      </time>
                    </TableCell>
                    <TableCell className="align-top whitespace-normal">
                      <div className="grid gap-0.5">
                        <span className="font-medium" data-testid="audit-actor">
                          {entry.actor.name}
                        </span>
                        <Badge variant="outline" className="w-fit text-xs">
                          {ACTOR_LABELS[entry.actor.type]}
                        </Badge>
                        {/* On a phone the time goes under who, not in a column of its own. */}
                        <time dateTime={entry.at} className="text-xs text-muted-foreground sm:hidden">
                          {formatShort(at, zone)}
                        </time>
                      </div>
                    </TableCell>
                    <TableCell className="align-top break-words whitespace-normal">
                      <span data-testid="audit-action">{entry.action}</span>{' '}
                      {href ? (
                        <Link href={href} className="font-medium underline-offset-4 hover:underline">
                          {label}
                        </Link>
                      ) : (
                        <span className="font-medium">{label}</span>
                      )}
                      <span className="ml-2 font-mono text-xs text-muted-foreground">{entry.type}</span>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {log.data.nextCursor && (
            <Button variant="outline" className="justify-self-center" disabled={loadingMore} onClick={() => void loadMore(log.data!)}>
              {loadingMore ? 'Loading…' : 'Load older entries'}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
