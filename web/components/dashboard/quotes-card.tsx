'use client';

import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { csvHref, type DashboardRange } from './dashboard-api';
import { ChartCard, Figure, FiguresTable } from './chart-card';
import { axisTick, tooltipStyle } from './chart-style';
import { formatCount, formatRate } from './format-figures';
import { useMetric } from './use-metric';

/** Quotes texted in the range by what became of them. */
export function QuotesCard({ range }: { range: DashboardRange }) {
  const q = useMetric('quotes', range);
  const data = q.data;
  const bars = data
    ? [
        { outcome: 'Viewed', count: data.viewed, fill: 'var(--chart-sms)' },
        { outcome: 'Accepted', count: data.accepted, fill: 'var(--chart-whatsapp)' },
        { outcome: 'Declined', count: data.declined, fill: 'var(--destructive)' },
        { outcome: 'Expired', count: data.expired, fill: 'var(--chart-muted)' },
        { outcome: 'Awaiting', count: data.awaiting, fill: 'var(--chart-email)' },
      ]
    : [];
  return (
    <ChartCard
      id="quotes"
      title="Quotes"
      description="Quotes sent in the range, by outcome"
      csv={csvHref('/api/dashboard/quotes', range)}
      loading={q.loading}
      error={q.error}
      onRetry={q.reload}
      empty={Boolean(data) && data!.sent === 0}
      emptyText="No quotes were sent in this range."
    >
      {data && (
        <>
          <div className="flex flex-wrap gap-8">
            <Figure label="sent" value={formatCount(data.sent)} testId="quotes-sent" />
            <Figure label="accepted" value={formatRate(data.acceptanceRate)} testId="quotes-acceptance" />
          </div>
          <div className="h-44" aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={bars} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 8 }}>
                <XAxis type="number" allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} />
                <YAxis type="category" dataKey="outcome" tick={axisTick} tickLine={false} axisLine={false} width={72} />
                <Tooltip contentStyle={tooltipStyle} cursor={{ fill: 'var(--muted)' }} />
                <Bar dataKey="count" name="Quotes" radius={[0, 4, 4, 0]} isAnimationActive={false}>
                  {bars.map((b) => (
                    <Cell key={b.outcome} fill={b.fill} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <FiguresTable caption="Quotes by outcome" columns={['Outcome', 'Quotes']} rows={bars.map((b) => [b.outcome, b.count])} />
        </>
      )}
    </ChartCard>
  );
}
