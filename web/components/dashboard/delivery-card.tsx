'use client';

import { csvHref, type DashboardRange } from './dashboard-api';
import { ChartCard, Figure, FiguresTable } from './chart-card';
import { CHANNEL_COLORS, CHANNEL_NAMES } from './chart-style';
import { formatCount, formatRate } from './format-figures';
import { useMetric } from './use-metric';

/** Delivery and failure rates per channel, and the most frequent reasons a message failed. */
export function DeliveryCard({ range }: { range: DashboardRange }) {
  const delivery = useMetric('delivery', range);
  const reasons = useMetric('failure-reasons', range);
  const data = delivery.data;
  const total = data?.total;
  return (
    <ChartCard
      id="delivery"
      title="Delivery"
      description="Of the messages providers took: delivered, and failed (including those refused before sending)"
      csv={csvHref('/api/dashboard/delivery', range)}
      loading={delivery.loading}
      error={delivery.error}
      onRetry={delivery.reload}
      empty={Boolean(total) && total!.sent + total!.notSent === 0}
      emptyText="Nothing was sent in this range, so there is nothing to deliver yet."
    >
      {data && total && (
        <>
          <div className="flex flex-wrap gap-8">
            <Figure label="delivered" value={formatRate(total.deliveryRate)} testId="delivery-rate" />
            <Figure label="failed" value={formatRate(total.failureRate)} testId="failure-rate" tone={total.failureRate && total.failureRate > 0.05 ? 'danger' : undefined} />
            <Figure label="awaiting a report" value={formatCount(total.awaiting)} />
          </div>
          <ul className="grid gap-2">
            {data.channels
              .filter((c) => c.sent + c.notSent > 0)
              .map((c) => (
                <li key={c.channel} className="grid gap-1 text-sm" data-testid={`delivery-${c.channel}`}>
                  <div className="flex justify-between">
                    <span>{CHANNEL_NAMES[c.channel]}</span>
                    <span className="tabular-nums text-muted-foreground">
                      {formatRate(c.deliveryRate)} of {formatCount(c.sent)}
                    </span>
                  </div>
                  <div className="h-2 overflow-hidden rounded-full bg-muted" aria-hidden="true">
                    <div className="h-full rounded-full" style={{ width: `${(c.deliveryRate ?? 0) * 100}%`, background: CHANNEL_COLORS[c.channel] }} />
                  </div>
                </li>
              ))}
          </ul>
          <FiguresTable
            caption="Delivery per channel"
            columns={['Channel', 'Sent', 'Delivered', 'Failed', 'Not sent']}
            rows={data.channels.map((c) => [CHANNEL_NAMES[c.channel], c.sent, c.delivered, c.failed, c.notSent])}
          />
          <div className="grid gap-2 border-t pt-4">
            <div className="flex items-center justify-between">
              <h3 className="text-sm font-medium">Top failure reasons</h3>
              <a href={csvHref('/api/dashboard/failure-reasons', range)} download className="text-xs text-muted-foreground underline-offset-4 hover:underline" data-testid="csv-failure-reasons">
                CSV
              </a>
            </div>
            {reasons.error ? (
              <p className="text-sm text-destructive">Could not load the reasons. <button className="underline" onClick={reasons.reload}>Try again</button></p>
            ) : !reasons.data ? (
              <p className="text-sm text-muted-foreground">Loading…</p>
            ) : reasons.data.reasons.length === 0 ? (
              <p className="text-sm text-muted-foreground" data-testid="failure-reasons-none">No failures in this range.</p>
            ) : (
              <ol className="grid gap-1.5 text-sm" data-testid="failure-reasons">
                {reasons.data.reasons.map((r) => (
                  <li key={r.errorCode ?? 'none'} className="grid grid-cols-[1fr_auto] gap-3">
                    <span className="min-w-0">
                      {r.reason}
                      {r.errorCode && <span className="ml-1 font-mono text-xs text-muted-foreground">{r.errorCode}</span>}
                    </span>
                    <span className="tabular-nums text-muted-foreground">
                      {formatCount(r.count)} · {formatRate(r.share)}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </div>
        </>
      )}
    </ChartCard>
  );
}
