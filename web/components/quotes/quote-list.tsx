'use client';

import { FileTextIcon, PlusIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { errorMessage } from '../../lib/api-error';
import { formatShort } from '../../lib/format';
import { roleAtLeast } from '../../lib/roles';
import { useApiQuery } from '../../lib/use-api';
import { EmptyState, ErrorState } from '../error-state';
import { PageHeader } from '../page-header';
import { TableLoading } from '../settings/table-loading';
import { useMe } from '../shell/me-context';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '../ui/select';
import { toast } from '../ui/sonner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../ui/table';
import { quoteApi, type QuoteStatusFilter } from './quote-api';
import { QUOTE_STATUS_LABELS, QUOTE_STATUS_TONES } from './quote-words';

const FILTERS: QuoteStatusFilter[] = ['open', 'sent', 'accepted', 'rejected', 'expired'];

/** The tenant's quotes, newest first, by status (in the URL), a page at a time. */
export function QuoteList() {
  const { data: me } = useMe();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const status = FILTERS.find((f) => f === params.get('status'));
  const quotes = useApiQuery(`quotes:${status ?? 'all'}`, (signal) => quoteApi.list({ status }, signal));
  const [more, setMore] = useState(false);
  const canCreate = roleAtLeast(me.role, 'agent');

  const loadMore = async () => {
    const cursor = quotes.data?.nextCursor;
    if (!cursor) return;
    setMore(true);
    try {
      const page = await quoteApi.list({ status, cursor });
      quotes.setData((d) => d && { quotes: [...d.quotes, ...page.quotes], nextCursor: page.nextCursor });
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setMore(false);
    }
  };

  return (
    <div className="mx-auto grid w-full max-w-5xl gap-6 p-4 sm:p-6">
      <PageHeader
        title="Quotes"
        description="Quotes sent to leads, and what became of them."
        actions={
          canCreate && (
            <Button asChild>
              <Link href="/quotes/new">
                <PlusIcon aria-hidden="true" />
                New quote
              </Link>
            </Button>
          )
        }
      />
      <Select value={status ?? 'all'} onValueChange={(v) => router.replace(v === 'all' ? pathname : `${pathname}?status=${v}`, { scroll: false })}>
        <SelectTrigger className="w-full sm:w-56" aria-label="Status" data-testid="quote-status-filter">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value="all">Every status</SelectItem>
          {FILTERS.map((f) => (
            <SelectItem key={f} value={f}>
              {QUOTE_STATUS_LABELS[f]}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {quotes.error && !quotes.data ? (
        <ErrorState title="Could not load quotes" error={quotes.error} onRetry={quotes.reload} />
      ) : !quotes.data ? (
        <TableLoading label="Loading quotes" rows={5} />
      ) : quotes.data.quotes.length === 0 ? (
        <EmptyState
          icon={FileTextIcon}
          title={status ? `No ${QUOTE_STATUS_LABELS[status].toLowerCase()} quotes` : 'No quotes yet'}
          action={
            canCreate && !status ? (
              <Button asChild>
                <Link href="/quotes/new">New quote</Link>
              </Button>
            ) : undefined
          }
        >
          {status ? 'Try another status.' : 'Quotes you send from here, from the API or from your website appear here with what the lead did.'}
        </EmptyState>
      ) : (
        <>
          <Table aria-label="Quotes">
            <TableHeader>
              <TableRow>
                <TableHead>Quote</TableHead>
                <TableHead className="text-right">Total</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="hidden sm:table-cell">Created</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {quotes.data.quotes.map((q) => (
                <TableRow key={q.id} data-testid="quote-row">
                  <TableCell className="whitespace-normal">
                    <Link href={`/quotes/${encodeURIComponent(q.id)}`} className="font-medium underline-offset-4 hover:underline">
                      {q.title ?? 'Quote'}
                    </Link>
                    <span className="block text-xs text-muted-foreground">{q.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'}</span>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{q.totalFormatted}</TableCell>
                  <TableCell>
                    <Badge variant={QUOTE_STATUS_TONES[q.status]} data-testid="quote-status">
                      {QUOTE_STATUS_LABELS[q.status]}
                    </Badge>
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">{formatShort(new Date(q.createdAt), me.tenant.timeZone)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {quotes.data.nextCursor && (
            <Button variant="outline" className="justify-self-center" disabled={more} onClick={() => void loadMore()}>
              {more ? 'Loading…' : 'Load more'}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
