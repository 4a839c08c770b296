'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { csvHref, type DashboardRange } from './dashboard-api';
import { ChartCard, Figure, FiguresTable } from './chart-card';
import { axisTick, CHANNEL_COLORS, CHANNEL_NAMES, CHANNELS, gridStroke, tooltipStyle } from './chart-style';
import { formatCount, formatDay } from './format-figures';
import { useMetric } from './use-metric';

const sum = (counts: Record<(typeof CHANNELS)[number], number>) => CHANNELS.reduce((n, c) => n + counts[c], 0);

/** Messages sent per day, stacked by channel, with the range's totals sent and received. */
export function MessagesCard({ range }: { range: DashboardRange }) {
  const q = useMetric('messages', range);
  const data = q.data;
  const days = data?.days.map((d) => ({ date: formatDay(d.date), ...d.sent })) ?? [];
  const sent = data ? sum(data.totals.sent) : 0;
  const received = data ? sum(data.totals.received) : 0;
  return (
    <ChartCard
      id="messages"
      title="Messages by channel"
      description="Sent (taken by a provider) per day, by channel"
      csv={csvHref('/api/dashboard/messages', range)}
      loading={q.loading}
      error={q.error}
      onRetry={q.reload}
      empty={Boolean(data) && sent + received === 0}
      emptyText={`No messages sent or received in the last ${range === '7d' ? '7' : '30'} days.`}
      className="lg:col-span-2"
    >
      {data && (
        <>
          <div className="flex flex-wrap gap-8">
            <Figure label="sent" value={formatCount(sent)} testId="messages-sent" />
            <Figure label="received" value={formatCount(received)} testId="messages-received" />
            {CHANNELS.map((c) => (
              <Figure key={c} label={`${CHANNEL_NAMES[c]} sent`} value={formatCount(data.totals.sent[c])} testId={`messages-sent-${c}`} />
            ))}
          </div>
          <div className="h-56" aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={days} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
                <CartesianGrid vertical={false} stroke={gridStroke} />
                <XAxis dataKey="date" tick={axisTick} tickLine={false} axisLine={false} minTickGap={12} />
                <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} />
                <Tooltip contentStyle={tooltipStyle} cursor={{ fill: 'var(--muted)' }} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                {CHANNELS.map((c) => (
                  <Bar key={c} dataKey={c} name={CHANNEL_NAMES[c]} stackId="sent" fill={CHANNEL_COLORS[c]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <FiguresTable
            caption="Messages per day"
            columns={['Day', 'SMS sent', 'WhatsApp sent', 'Email sent', 'Received']}
            rows={data.days.map((d) => [d.date, d.sent.sms, d.sent.whatsapp, d.sent.email, sum(d.received)])}
          />
        </>
      )}
    </ChartCard>
  );
}
