'use client';

import { SearchIcon } from 'lucide-react';
import { useSelectedLayoutSegment } from 'next/navigation';
import { createContext, useContext, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { formatThreadCount } from '../../../domain/inbox';
import { browserTimeZone } from '../../lib/auth-forms';
import { useInboxEvents } from '../../lib/event-stream';
import { useApiQuery } from '../../lib/use-api';
import { cn } from '../../lib/utils';
import { Input } from '../ui/input';
import { ScrollArea } from '../ui/scroll-area';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../ui/tabs';
import { inboxApi, type ThreadFilter } from './inbox-api';
import { ThreadList } from './thread-list';

const FILTERS: Array<{ value: ThreadFilter; label: string }> = [
  { value: 'mine', label: 'Mine' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'all', label: 'All' },
];

interface InboxList {
  /** The ids of the threads shown, in order (j/k move along them). */
  threadIds: string[];
  reload: () => void;
}
const InboxListContext = createContext<InboxList>({ threadIds: [], reload: () => {} });
export const useInboxList = () => useContext(InboxListContext);

/**
 * The inbox's panes: threads on the left, the open conversation (children) beside it. On a phone one pane
 * shows at a time: the list at /inbox, the conversation at /inbox/:id.
 */
export function InboxPanes({ children }: { children: ReactNode }) {
  const segment = useSelectedLayoutSegment();
  const activeId = segment ? decodeURIComponent(segment) : null;
  const [filter, setFilter] = useState<ThreadFilter>('mine');
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const threads = useApiQuery(`threads:${filter}:${q}`, (signal) => inboxApi.threads({ filter, ...(q ? { q } : {}) }, signal));
  // Anything that changes a thread's place, preview or unread count: load the list again (the API is the truth).
  useInboxEvents(['message.created', 'message.updated', 'thread.updated', 'thread.read'], threads.reload);
  const counts = threads.data?.counts;
  const zone = browserTimeZone() ?? 'UTC';
  const list = threads.data?.threads;
  const listContext = useMemo<InboxList>(() => ({ threadIds: (list ?? []).map((t) => t.id), reload: threads.reload }), [list, threads.reload]);

  return (
    <InboxListContext.Provider value={listContext}>
    <div className="flex h-[calc(100dvh-3.5rem)] min-h-0 md:h-dvh">
      <section aria-label="Conversations" className={cn('flex w-full min-w-0 flex-col border-r md:w-72 lg:w-80', activeId && 'hidden md:flex')}>
        <div className="grid gap-3 border-b p-3">
          <h1 className="text-lg font-semibold">Inbox</h1>
          <div className="relative">
            <SearchIcon className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden="true" />
            <Input type="search" placeholder="Search name, phone, email or text" aria-label="Search conversations" className="pl-8" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
        </div>
        <Tabs value={filter} onValueChange={(v) => setFilter(v as ThreadFilter)} className="min-h-0 flex-1 gap-0">
          <TabsList className="mx-3 mt-3 w-[calc(100%-1.5rem)]">
            {FILTERS.map(({ value, label }) => (
              <TabsTrigger key={value} value={value}>
                {label}
                {counts && <span className="text-xs text-muted-foreground tabular-nums">{formatThreadCount(counts[value])}</span>}
              </TabsTrigger>
            ))}
          </TabsList>
          {FILTERS.map(({ value }) => (
            <TabsContent key={value} value={value} className="min-h-0">
              <ScrollArea className="h-full" viewportLabel="Conversation list">
                <ThreadList threads={threads.data?.threads} loading={threads.loading} error={threads.error} onRetry={threads.reload} activeId={activeId} timeZone={zone} />
              </ScrollArea>
            </TabsContent>
          ))}
        </Tabs>
      </section>
      <section aria-label="Conversation" className={cn('min-w-0 flex-1 flex-col', activeId ? 'flex' : 'hidden md:flex')}>
        {children}
      </section>
    </div>
    </InboxListContext.Provider>
  );
}
