'use client';

import { InboxIcon } from 'lucide-react';
import Link from 'next/link';
import { formatRelative, parseIso, safeTimeZone, truncate } from '../../lib/format';
import type { ThreadSummary } from '../../../domain/schemas/inbox';
import { cn } from '../../lib/utils';
import { EmptyState, ErrorState } from '../error-state';
import { initials } from '../shell/user-menu';
import { Avatar, AvatarFallback } from '../ui/avatar';
import { Badge } from '../ui/badge';
import { Skeleton } from '../ui/skeleton';
import { ChannelIcon } from './channel-icon';
import type { ApiError } from '../../lib/api-error';

export function contactName(contact: ThreadSummary['contact']): string {
  return contact.name || contact.phone || contact.email || 'Unknown contact';
}

function ThreadRow({ thread, active, timeZone, now }: { thread: ThreadSummary; active: boolean; timeZone: string; now: number }) {
  const name = contactName(thread.contact);
  const at = parseIso(thread.lastMessage?.at);
  const unread = thread.unreadCount > 0;
  return (
    <li className="min-w-0">
      <Link
        href={`/inbox/${encodeURIComponent(thread.id)}`}
        aria-current={active ? 'page' : undefined}
        className={cn(
          'flex gap-3 rounded-md px-3 py-2.5 outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50',
          active && 'bg-accent',
        )}
        data-testid="thread-row"
      >
        <Avatar className="size-9">
          <AvatarFallback>{initials(name)}</AvatarFallback>
        </Avatar>
        <span className="flex min-w-0 flex-1 flex-col gap-0.5">
          <span className="flex items-center gap-2">
            <span className={cn('truncate text-sm', unread ? 'font-semibold' : 'font-medium')}>{name}</span>
            <ChannelIcon channel={thread.channel} className="shrink-0 text-muted-foreground" />
            {at && (
              <time className="ml-auto shrink-0 text-xs text-muted-foreground" dateTime={at.toISOString()}>
                {formatRelative(at, timeZone, now)}
              </time>
            )}
          </span>
          <span className="flex items-center gap-2">
            <span className={cn('truncate text-sm', unread ? 'text-foreground' : 'text-muted-foreground')}>
              {thread.lastMessage ? `${thread.lastMessage.direction === 'outbound' ? 'You: ' : ''}${truncate(thread.lastMessage.preview, 80)}` : 'No messages yet'}
            </span>
            {unread && (
              <Badge className="ml-auto h-5 min-w-5 rounded-full px-1.5 tabular-nums" aria-label={`${thread.unreadCount} unread`}>
                {thread.unreadCount}
              </Badge>
            )}
          </span>
        </span>
      </Link>
    </li>
  );
}

export function ThreadList({
  threads,
  loading,
  error,
  onRetry,
  activeId,
  timeZone,
}: {
  threads: ThreadSummary[] | undefined;
  loading: boolean;
  error: ApiError | null;
  onRetry: () => void;
  activeId: string | null;
  timeZone: string;
}) {
  if (error && !threads) {
    return (
      <div className="p-3">
        <ErrorState title="Could not load conversations" error={error} onRetry={onRetry} />
      </div>
    );
  }
  if (loading && !threads) {
    return (
      <ul className="grid gap-1 p-2" aria-busy="true" aria-label="Loading conversations">
        {Array.from({ length: 8 }, (_, i) => (
          <li key={i} className="flex gap-3 px-3 py-2.5">
            <Skeleton className="size-9 rounded-full" />
            <div className="grid flex-1 gap-2">
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="h-3 w-full" />
            </div>
          </li>
        ))}
      </ul>
    );
  }
  if (!threads || threads.length === 0) {
    return (
      <div className="p-3">
        <EmptyState icon={InboxIcon} title="No conversations here">
          Replies and messages to your contacts appear here as they happen.
        </EmptyState>
      </div>
    );
  }
  const now = Date.now();
  const zone = safeTimeZone(timeZone);
  return (
    <ul className="flex flex-col gap-0.5 p-2" aria-label="Conversations">
      {threads.map((thread) => (
        <ThreadRow key={thread.id} thread={thread} active={thread.id === activeId} timeZone={zone} now={now} />
      ))}
    </ul>
  );
}
