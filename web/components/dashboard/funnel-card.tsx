'use client';

import { useEffect, useState } from 'react';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApiQuery } from '../../lib/use-api';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '../ui/select';
import { csvHref, dashboardApi, type DashboardRange } from './dashboard-api';
import { ChartCard, FiguresTable } from './chart-card';
import { axisTick, CHANNEL_COLORS, tooltipStyle } from './chart-style';
import { formatCount, formatRate } from './format-figures';

/** A sequence's funnel: enrolled → each step sent → replied, opted out, completed. */
export function FunnelCard({ range }: { range: DashboardRange }) {
  const sequences = useApiQuery('sequences', (signal) => dashboardApi.sequences(signal));
  const list = sequences.data?.sequences.filter((s) => s.published) ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    if (chosen === null && list[0]) setChosen(list[0].id);
  }, [chosen, list]);
  const funnel = useApiQuery(chosen ? `funnel:${chosen}:${range}` : null, (signal) => dashboardApi.funnel(chosen!, range, signal));
  const data = funnel.data;
  const bars = data
    ? [
        { stage: 'Enrolled', count: data.enrolled, fill: 'var(--chart-muted)' },
        ...data.steps.map((s) => ({ stage: `Step ${s.step}`, count: s.sent, fill: s.channel ? CHANNEL_COLORS[s.channel] : 'var(--chart-sms)' })),
        { stage: 'Replied', count: data.replied, fill: 'var(--chart-whatsapp)' },
        { stage: 'Opted out', count: data.optedOut, fill: 'var(--destructive)' },
        { stage: 'Completed', count: data.completed, fill: 'var(--chart-email)' },
      ]
    : [];
  const noSequences = Boolean(sequences.data) && list.length === 0;
  return (
    <ChartCard
      id="funnel"
      title="Sequence funnel"
      description="Enrollments started in the range, through each step to their outcome"
      csv={chosen ? csvHref(`/api/dashboard/sequences/${encodeURIComponent(chosen)}/funnel`, range) : null}
      loading={sequences.loading || (chosen !== null && funnel.loading)}
      error={sequences.error ?? funnel.error}
      onRetry={sequences.error ? sequences.reload : funnel.reload}
      empty={noSequences || (Boolean(data) && data!.enrolled === 0)}
      emptyText={noSequences ? 'No published sequences yet: publish one to see how contacts move through it.' : 'Nobody was enrolled in this sequence in this range.'}
      className="lg:col-span-2"
      control={
        list.length > 0 && (
          <Select value={chosen ?? ''} onValueChange={setChosen}>
            <SelectTrigger className="w-full sm:w-72" aria-label="Sequence" data-testid="funnel-sequence">
              <SelectValue placeholder="Choose a sequence" />
            </SelectTrigger>
            <SelectContent>
              {list.map((s) => (
                <SelectItem key={s.id} value={s.id}>
                  {s.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )
      }
    >
      {data && (
        <>
          <p className="text-sm text-muted-foreground" data-testid="funnel-summary">
            {formatCount(data.enrolled)} enrolled · {formatRate(data.enrolled ? data.replied / data.enrolled : null)} replied · {formatCount(data.running)} still running
          </p>
          <div className="h-56" aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart accessibilityLayer={false} data={bars} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
                <XAxis dataKey="stage" tick={axisTick} tickLine={false} axisLine={false} interval={0} />
                <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} />
                <Tooltip contentStyle={tooltipStyle} cursor={{ fill: 'var(--muted)' }} />
                <Bar dataKey="count" name="Enrollments" radius={[4, 4, 0, 0]} isAnimationActive={false}>
                  {bars.map((b) => (
                    <Cell key={b.stage} fill={b.fill} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <FiguresTable caption={`Funnel of ${data.name}`} columns={['Stage', 'Enrollments']} rows={bars.map((b) => [b.stage, b.count])} />
        </>
      )}
    </ChartCard>
  );
}
