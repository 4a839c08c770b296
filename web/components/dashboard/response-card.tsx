'use client';

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { csvHref, type DashboardRange } from './dashboard-api';
import { ChartCard, Figure, FiguresTable } from './chart-card';
import { axisTick, gridStroke, tooltipStyle } from './chart-style';
import { formatCount, formatDay, formatRate, formatWait } from './format-figures';
import { useMetric } from './use-metric';

/** How fast agents answer (first response time per day) and how many contacts messaged wrote back. */
export function ResponseCard({ range }: { range: DashboardRange }) {
  const times = useMetric('response-times', range);
  const replies = useMetric('reply-rate', range);
  const data = times.data;
  const days = data?.days.map((d) => ({ date: formatDay(d.date), minutes: d.averageSeconds === null ? null : Math.round(d.averageSeconds / 60) })) ?? [];
  return (
    <ChartCard
      id="response"
      title="Responses"
      description="First response time: from a contact’s message to the next agent reply; and the reply rate"
      csv={csvHref('/api/dashboard/response-times', range)}
      loading={times.loading}
      error={times.error}
      onRetry={times.reload}
      empty={Boolean(data) && data!.total.answered + data!.total.unanswered === 0 && (replies.data?.messaged ?? 0) === 0}
      emptyText="No conversations in this range yet: response times appear once contacts write and agents answer."
    >
      {data && (
        <>
          <div className="flex flex-wrap gap-8">
            <Figure label="average first response" value={formatWait(data.total.averageSeconds)} testId="response-average" />
            <Figure label="median" value={formatWait(data.total.medianSeconds)} />
            <Figure label="waiting for an answer" value={formatCount(data.total.unanswered)} testId="response-unanswered" />
            <Figure
              label={replies.data ? `replied, of ${formatCount(replies.data.messaged)} messaged` : 'reply rate'}
              value={replies.error ? '!' : replies.data ? formatRate(replies.data.replyRate) : '…'}
              testId="reply-rate"
            />
          </div>
          <div className="h-40" aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart accessibilityLayer={false} data={days} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid vertical={false} stroke={gridStroke} />
                <XAxis dataKey="date" tick={axisTick} tickLine={false} axisLine={false} minTickGap={12} />
                <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} unit=" m" />
                <Tooltip contentStyle={tooltipStyle} formatter={(v) => [`${v} min`, 'Average first response']} />
                <Line type="monotone" dataKey="minutes" stroke="var(--chart-sms)" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <FiguresTable
            caption="First response time per day"
            columns={['Day', 'Answered', 'Average', 'Median']}
            rows={data.days.map((d) => [d.date, d.answered, formatWait(d.averageSeconds), formatWait(d.medianSeconds)])}
          />
          <a href={csvHref('/api/dashboard/reply-rate', range)} download className="justify-self-start text-xs text-muted-foreground underline-offset-4 hover:underline" data-testid="csv-reply-rate">
            Reply rate as CSV
          </a>
        </>
      )}
    </ChartCard>
  );
}
