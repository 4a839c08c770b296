'use client';

import { CheckCircle2Icon, CircleIcon, ExternalLinkIcon, FileTextIcon } from 'lucide-react';
import Link from 'next/link';
import { formatAbsolute, formatShort } from '../../lib/format';
import { useApiQuery } from '../../lib/use-api';
import { cn } from '../../lib/utils';
import { EmptyState, ErrorState } from '../error-state';
import { PageHeader } from '../page-header';
import { TableLoading } from '../settings/table-loading';
import { useMe } from '../shell/me-context';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../ui/table';
import { quoteApi } from './quote-api';
import { QUOTE_STATUS_LABELS, QUOTE_STATUS_TONES, quoteTimeline } from './quote-words';

/** One quote: its lines and total, what happened to it so far, and links to the lead's page and its run. */
export function QuoteDetail({ quoteId }: { quoteId: string }) {
  const { data: me } = useMe();
  const q = useApiQuery(`quote:${quoteId}`, (signal) => quoteApi.get(quoteId, signal));
  const zone = me.tenant.timeZone;
  const money = (amount: string, currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).format(Number(amount));

  if (q.error && !q.data) {
    if (q.error.status === 404) {
      return (
        <div className="mx-auto grid w-full max-w-4xl gap-6 p-4 sm:p-6">
          <EmptyState icon={FileTextIcon} title="No such quote" action={<Button asChild variant="outline"><Link href="/quotes">All quotes</Link></Button>}>
            It may belong to another business, or the link is wrong.
          </EmptyState>
        </div>
      );
    }
    return (
      <div className="mx-auto grid w-full max-w-4xl gap-6 p-4 sm:p-6">
        <ErrorState title="Could not load this quote" error={q.error} onRetry={q.reload} />
      </div>
    );
  }
  if (!q.data) {
    return (
      <div className="mx-auto grid w-full max-w-4xl gap-6 p-4 sm:p-6">
        <TableLoading label="Loading the quote" rows={4} />
      </div>
    );
  }
  const quote = q.data.quote;
  return (
    <div className="mx-auto grid w-full max-w-4xl gap-6 p-4 sm:p-6">
      <PageHeader
        title={quote.title ?? 'Quote'}
        description={
          <>
            {quote.totalFormatted} · by {quote.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} ·{' '}
            <Badge variant={QUOTE_STATUS_TONES[quote.status]} data-testid="quote-detail-status">
              {QUOTE_STATUS_LABELS[quote.status]}
            </Badge>
          </>
        }
        actions={
          <>
            <Button asChild variant="outline">
              <a href={quote.shortUrl} target="_blank" rel="noreferrer" data-testid="quote-page-link">
                <ExternalLinkIcon aria-hidden="true" />
                The lead’s page
              </a>
            </Button>
            {quote.temporalUrl && (
              <Button asChild variant="ghost">
                <a href={quote.temporalUrl} target="_blank" rel="noreferrer">
                  Run in Temporal
                </a>
              </Button>
            )}
          </>
        }
      />
      <div className="grid gap-6 md:grid-cols-[1fr_18rem]">
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Lines</CardTitle>
          </CardHeader>
          <CardContent>
            {quote.lineItems.length === 0 ? (
              <p className="text-sm text-muted-foreground">This quote has a total only: {quote.totalFormatted}.</p>
            ) : (
              <Table aria-label="Lines">
                <TableHeader>
                  <TableRow>
                    <TableHead>Item</TableHead>
                    <TableHead className="text-right">Qty</TableHead>
                    <TableHead className="text-right">Price</TableHead>
                    <TableHead className="text-right">Amount</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {quote.lineItems.map((line, i) => (
                    <TableRow key={i} data-testid="quote-detail-line">
                      <TableCell className="whitespace-normal">{line.description}</TableCell>
                      <TableCell className="text-right tabular-nums">{line.quantity}</TableCell>
                      <TableCell className="text-right tabular-nums">{money(line.unitPrice, quote.currency)}</TableCell>
                      <TableCell className="text-right tabular-nums">{money(line.amount, quote.currency)}</TableCell>
                    </TableRow>
                  ))}
                  <TableRow>
                    <TableCell colSpan={3} className="font-medium">
                      Total
                    </TableCell>
                    <TableCell className="text-right font-semibold tabular-nums">{quote.totalFormatted}</TableCell>
                  </TableRow>
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">What happened</CardTitle>
          </CardHeader>
          <CardContent>
            <ol className="grid gap-3" data-testid="quote-timeline">
              {quoteTimeline(quote).map((step) => (
                <li key={step.key} className="flex gap-3" data-testid={`quote-step-${step.key}`} data-done={step.done}>
                  {step.done ? <CheckCircle2Icon className="mt-0.5 size-4 shrink-0 text-success" aria-hidden="true" /> : <CircleIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />}
                  <div className={cn('grid text-sm', !step.done && 'text-muted-foreground')}>
                    <span className="font-medium">{step.label}</span>
                    {step.at && (
                      <time dateTime={step.at} title={formatAbsolute(new Date(step.at), zone)} className="text-xs text-muted-foreground">
                        {formatShort(new Date(step.at), zone)}
                      </time>
                    )}
                  </div>
                </li>
              ))}
            </ol>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
