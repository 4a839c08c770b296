'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { PageHeader } from '../page-header';
import { cn } from '../../lib/utils';
import type { DashboardRange } from './dashboard-api';
import { DeliveryCard } from './delivery-card';
import { EmailCard } from './email-card';
import { FunnelCard } from './funnel-card';
import { MessagesCard } from './messages-card';
import { QuotesCard } from './quotes-card';
import { ResponseCard } from './response-card';

/** The dashboard: the last 7 or 30 days (in the URL, so a view can be shared), one card per question. */
export function DashboardPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const range: DashboardRange = params.get('range') === '7d' ? '7d' : '30d';
  const setRange = (next: string) => router.replace(`${pathname}?range=${next}`, { scroll: false });
  return (
    <div className="mx-auto grid w-full max-w-6xl gap-6 p-4 sm:p-6">
      <PageHeader
        title="Dashboard"
        description="How your messages, conversations, sequences and quotes are doing, in your business’s time zone."
        actions={
          <div role="group" aria-label="Range" className="inline-flex rounded-lg bg-muted p-1">
            {(['7d', '30d'] as const).map((value) => (
              <button
                key={value}
                type="button"
                aria-pressed={range === value}
                data-state={range === value ? 'active' : 'inactive'}
                data-testid={`range-${value}`}
                onClick={() => setRange(value)}
                className={cn(
                  'rounded-md px-3 py-1 text-sm font-medium text-muted-foreground transition-colors focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none',
                  range === value && 'bg-background text-foreground shadow-sm',
                )}
              >
                {value === '7d' ? '7 days' : '30 days'}
              </button>
            ))}
          </div>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <MessagesCard range={range} />
        <DeliveryCard range={range} />
        <ResponseCard range={range} />
        <FunnelCard range={range} />
        <QuotesCard range={range} />
        <EmailCard range={range} />
      </div>
    </div>
  );
}
