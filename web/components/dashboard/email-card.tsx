'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { csvHref, type DashboardRange } from './dashboard-api';
import { ChartCard, Figure, FiguresTable } from './chart-card';
import { axisTick, gridStroke, tooltipStyle } from './chart-style';
import { formatCount, formatDay, formatRate } from './format-figures';
import { useMetric } from './use-metric';

/** Emails opened and clicked, from Resend's events. */
export function EmailCard({ range }: { range: DashboardRange }) {
  const q = useMetric('email', range);
  const data = q.data;
  const days = data?.days.map((d) => ({ date: formatDay(d.date), opened: d.opened, clicked: d.clicked })) ?? [];
  return (
    <ChartCard
      id="email"
      title="Email opens and clicks"
      description="Of the emails Resend took: opened and clicked at least once (opens depend on images loading)"
      csv={csvHref('/api/dashboard/email', range)}
      loading={q.loading}
      error={q.error}
      onRetry={q.reload}
      empty={Boolean(data) && data!.total.sent === 0}
      emptyText="No emails were sent in this range."
    >
      {data && (
        <>
          <div className="flex flex-wrap gap-8">
            <Figure label="emails sent" value={formatCount(data.total.sent)} testId="email-sent" />
            <Figure label="opened" value={formatRate(data.total.openRate)} testId="email-open-rate" />
            <Figure label="clicked" value={formatRate(data.total.clickRate)} testId="email-click-rate" />
          </div>
          <div className="h-40" aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart accessibilityLayer={false} data={days} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid vertical={false} stroke={gridStroke} />
                <XAxis dataKey="date" tick={axisTick} tickLine={false} axisLine={false} minTickGap={12} />
                <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} />
                <Tooltip contentStyle={tooltipStyle} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Line type="monotone" dataKey="opened" name="Opened" stroke="var(--chart-email)" strokeWidth={2} dot={false} isAnimationActive={false} />
                <Line type="monotone" dataKey="clicked" name="Clicked" stroke="var(--chart-sms)" strokeWidth={2} dot={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <FiguresTable
            caption="Emails per day"
            columns={['Day', 'Sent', 'Opened', 'Clicked']}
            rows={data.days.map((d) => [d.date, d.sent, d.opened, d.clicked])}
          />
        </>
      )}
    </ChartCard>
  );
}
