'use client';

import { SearchIcon } from 'lucide-react';
import { useSelectedLayoutSegment } from 'next/navigation';
import { createContext, useContext, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import type { ThreadList as ThreadListData } from '../../../domain/schemas/inbox';
import { formatThreadCount } from '../../../domain/inbox';
import { browserTimeZone } from '../../lib/auth-forms';
import { useInboxEvents } from '../../lib/event-stream';
import { useLiveQuery } from '../../lib/use-live-query';
import { cn } from '../../lib/utils';
import { useMe } from '../shell/me-context';
import { Input } from '../ui/input';
import { ScrollArea } from '../ui/scroll-area';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../ui/tabs';
import { inboxApi, type ThreadFilter } from './inbox-api';
import { ThreadList } from './thread-list';
import { placeThread, threadsToRefresh, type ThreadListChange } from './thread-list-merge';

const FILTERS: Array<{ value: ThreadFilter; label: string }> = [
  { value: 'mine', label: 'Mine' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'all', label: 'All' },
];

interface InboxList {
  /** The ids of the threads shown, in order (j/k move along them). */
  threadIds: string[];
  /** Loads the whole list again. */
  reload: () => void;
  /** Looks at one thread again (after this page changed it): moved, changed in place, or out of the list. */
  refresh: (threadId: string) => void;
}
const InboxListContext = createContext<InboxList>({ threadIds: [], reload: () => {}, refresh: () => {} });
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
  const meId = useMe().data.user?.id ?? null;
  // Each change is merged: the changed threads are asked for under the list's own filters (search included)
  // and placed — to the top with new activity, in place, or out when they no longer match. A burst of
  // changes, or one this page cannot merge, loads the list again.
  const threads = useLiveQuery<ThreadListData, ThreadListChange>(
    `threads:${filter}:${q}`,
    (signal) => inboxApi.threads({ filter, ...(q ? { q } : {}) }, signal),
    async (changes, current, signal) => {
      const ids = threadsToRefresh(changes, current, meId);
      if (ids === 'reload') return 'reload';
      const answers = await Promise.all(ids.map((threadId) => inboxApi.threads({ filter, ...(q ? { q } : {}), threadId }, signal)));
      return (list) => answers.reduce((l, answer, i) => placeThread(l, ids[i]!, answer.threads[0] ?? null, answer.counts), list);
    },
  );
  useInboxEvents(['message.created', 'message.updated', 'thread.updated', 'thread.read'], threads.push, threads.reload);
  const counts = threads.data?.counts;
  const zone = browserTimeZone() ?? 'UTC';
  const list = threads.data?.threads;
  const { reload, push } = threads;
  const listContext = useMemo<InboxList>(
    () => ({ threadIds: (list ?? []).map((t) => t.id), reload, refresh: (threadId) => push({ type: 'look-again', threadId }) }),
    [list, reload, push],
  );

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
