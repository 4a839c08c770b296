'use client';

import { DownloadIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { ErrorState } from '../error-state';
import { buttonVariants } from '../ui/button';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '../ui/card';
import { Skeleton } from '../ui/skeleton';
import { cn } from '../../lib/utils';
import type { ApiError } from '../../lib/api-error';

/**
 * One chart of the dashboard: its title, what it counts, a link to the same data as CSV, and its states — a
 * skeleton while loading, the error with a retry, a sentence when the range holds nothing.
 */
export function ChartCard({
  id,
  title,
  description,
  csv,
  loading,
  error,
  onRetry,
  empty,
  emptyText,
  control,
  children,
  className,
}: {
  id: string;
  title: string;
  description: ReactNode;
  csv: string | null;
  loading: boolean;
  error: ApiError | null;
  onRetry: () => void;
  empty: boolean;
  emptyText: string;
  control?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const headingId = `${id}-title`;
  return (
    <Card className={cn('gap-4', className)} data-testid={`chart-${id}`} aria-labelledby={headingId} role="region">
      <CardHeader>
        <CardTitle id={headingId} className="text-base">
          {title}
        </CardTitle>
        <CardDescription>{description}</CardDescription>
        {csv && (
          <CardAction>
            <a href={csv} download className={buttonVariants({ variant: 'ghost', size: 'sm' })} data-testid={`csv-${id}`} aria-label={`Download ${title} as CSV`}>
              <DownloadIcon aria-hidden="true" />
              CSV
            </a>
          </CardAction>
        )}
      </CardHeader>
      <CardContent className="grid gap-4">
        {control}
        {error ? (
          <ErrorState title={`Could not load ${title.toLowerCase()}`} error={error} onRetry={onRetry} />
        ) : loading ? (
          <div className="grid gap-3" role="status" data-testid="chart-loading" aria-busy="true" aria-label={`Loading ${title.toLowerCase()}`}>
            <Skeleton className="h-8 w-32" />
            <Skeleton className="h-40 w-full" />
          </div>
        ) : empty ? (
          <p className="flex h-40 items-center justify-center rounded-lg border border-dashed px-4 text-center text-sm text-muted-foreground" data-testid="chart-empty">
            {emptyText}
          </p>
        ) : (
          children
        )}
      </CardContent>
    </Card>
  );
}

/** A headline figure with its label. */
export function Figure({ label, value, testId, tone }: { label: string; value: string; testId?: string; tone?: 'danger' }) {
  return (
    <div className="grid gap-0.5">
      <span className={cn('text-2xl font-semibold tabular-nums', tone === 'danger' && 'text-destructive')} data-testid={testId}>
        {value}
      </span>
      <span className="text-xs text-muted-foreground">{label}</span>
    </div>
  );
}

/** The chart's figures as a table for screen readers (the drawing itself is hidden from them). */
export function FiguresTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: Array<Array<string | number>> }) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
