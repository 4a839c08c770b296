'use client';

import { ArrowLeftIcon, EyeIcon, Loader2Icon, SearchXIcon } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ComposerView, ContactPanel, ThreadSummary, ThreadView } from '../../../domain/schemas/inbox';
import { accountApi } from '../../lib/account-api';
import { errorMessage } from '../../lib/api-error';
import { browserTimeZone } from '../../lib/auth-forms';
import { useInboxEvents } from '../../lib/event-stream';
import { safeTimeZone } from '../../lib/format';
import { roleAtLeast } from '../../lib/roles';
import { useApiQuery, type Query } from '../../lib/use-api';
import { useLiveQuery } from '../../lib/use-live-query';
import { EmptyState, ErrorState } from '../error-state';
import { useMe } from '../shell/me-context';
import { Button } from '../ui/button';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '../ui/sheet';
import { Skeleton } from '../ui/skeleton';
import { toast } from '../ui/sonner';
import { Composer, type ComposerSubmit } from './composer';
import { ContactPanelView } from './contact-panel';
import {
  addPanelNotes,
  applyTimeline,
  itemKey,
  mergeItems,
  missingExpected,
  planConversationSync,
  timelineCursor,
  TIMELINE_FETCH_LIMIT,
  upsertMessage,
  type ConversationChange,
} from './conversation-merge';
import { ConversationHeader, type HeaderActions } from './conversation-header';
import { inboxApi } from './inbox-api';
import { useInboxList } from './inbox-panes';
import { ShortcutsDialog, useShortcuts } from './keyboard-shortcuts';
import { ScheduledMessages } from './scheduled-messages';
import { Timeline, type PendingMessage } from './timeline';

const WIDE = '(min-width: 1280px)';
function useWide(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(WIDE);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
}

function ConversationLoading() {
  return (
    <div className="flex flex-1 flex-col" role="status" aria-busy="true" aria-label="Loading the conversation">
      <div className="flex h-14 items-center gap-3 border-b px-3">
        <Skeleton className="h-5 w-40" />
      </div>
      <div className="grid flex-1 content-start gap-4 p-4">
        <Skeleton className="h-12 w-2/3" />
        <Skeleton className="ml-auto h-12 w-1/2" />
        <Skeleton className="h-16 w-3/5" />
      </div>
    </div>
  );
}

function BackLink() {
  return (
    <Button asChild variant="ghost" size="sm" className="w-fit md:hidden">
      <Link href="/inbox">
        <ArrowLeftIcon aria-hidden="true" />
        Conversations
      </Link>
    </Button>
  );
}

/**
 * One conversation: its timeline (older items paged in), what is scheduled next, the composer (agents and up)
 * and the contact panel; opening it marks it read. Realtime events for this thread are merged
 * (conversation-merge.ts): new items since the newest shown, the messages whose status changed — never the
 * whole thread view again, unless an event cannot be merged.
 */
export function ConversationView({ threadId }: { threadId: string }) {
  const { data: me } = useMe();
  const router = useRouter();
  const list = useInboxList();
  const wide = useWide();
  const canWork = roleAtLeast(me.role, 'agent');
  const agentZone = safeTimeZone(browserTimeZone() ?? me.tenant.timeZone);

  const meId = me.user?.id ?? null;
  // The panel and the composer, as the last render had them, for the merge to reload after it.
  const sideQueries = useRef<{ panel: Query<ContactPanel>; composer: Query<ComposerView> } | null>(null);
  const view = useLiveQuery<ThreadView, ConversationChange>(
    `thread:${threadId}`,
    (signal) => inboxApi.thread(threadId, undefined, signal),
    async (changes, current, signal) => {
      const plan = planConversationSync(changes, current, meId);
      if (plan === 'reload') return 'reload';
      const [fresh, messages] = await Promise.all([
        plan.timeline ? inboxApi.threadTimeline(threadId, timelineCursor(current), TIMELINE_FETCH_LIMIT, signal) : null,
        Promise.all(plan.messageIds.map((messageId) => inboxApi.threadMessage(threadId, messageId, signal))),
      ]);
      if (fresh?.more) return 'reload';
      const update = (v: ThreadView) => messages.reduce((acc, { message }) => upsertMessage(acc, message), fresh ? applyTimeline(v, fresh) : v);
      if (missingExpected(plan, update(current))) return 'reload';
      // After the merge, not before: the bubble does not wait for the panel and the composer.
      const side = sideQueries.current;
      const notes = fresh?.timeline.flatMap((item) => (item.kind === 'note' ? [item.note] : [])) ?? [];
      if (plan.reloadPanel) side?.panel.reload();
      else if (notes.length) side?.panel.setData((p) => p && addPanelNotes(p, notes));
      if (plan.reloadComposer) side?.composer.reload();
      return update;
    },
  );
  const composer = useApiQuery(canWork ? `composer:${threadId}` : null, (signal) => inboxApi.composer(threadId, signal));
  const contactId = view.data?.contact.id ?? null;
  const panel = useApiQuery(contactId ? `panel:${contactId}` : null, (signal) => inboxApi.panel(contactId!, signal));
  sideQueries.current = { panel, composer };
  const members = useApiQuery(canWork ? 'members' : null, (signal) => accountApi.members(signal));

  const [loadingOlder, setLoadingOlder] = useState(false);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [sending, setSending] = useState(false);
  const [panelOpen, setPanelOpen] = useState(true);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  // Follow the newest item while the reader is at the end; leave them where they are when they scrolled up.
  const atEnd = useRef(true);

  const nextBefore = view.data?.nextBefore ?? null;
  const items = view.data?.timeline ?? [];
  const pendingHere = pending.filter((p) => p.tempId.startsWith(`${threadId}:`));
  const lastKey = pendingHere.at(-1)?.tempId ?? (items.length ? itemKey(items.at(-1)!) : '');

  // New items at the end (not older ones paged in at the top) and the panes around settling: keep the newest in view.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const stick = () => {
      if (atEnd.current) el.scrollTop = el.scrollHeight;
    };
    stick();
    const observer = new ResizeObserver(stick);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [lastKey]);

  // Reading it marks it read (members only: an API key has no read state); the list's count follows by event.
  const unread = view.data?.thread.unreadCount ?? 0;
  const { setData: setView, push: pushChange, hold: holdChanges } = view;
  useEffect(() => {
    if (!me.user || unread === 0) return;
    inboxApi.read(threadId).then(
      ({ thread }) => setView((d) => (d && d.thread.id === thread.id ? { ...d, thread: { ...d.thread, unreadCount: thread.unreadCount } } : d)),
      () => {},
    );
  }, [me.user, threadId, unread, setView]);

  useInboxEvents(
    ['message.created', 'message.updated', 'note.created', 'thread.updated', 'thread.read'],
    (event) => event.threadId === threadId && pushChange(event),
    () => {
      view.reload();
      panel.reload();
      composer.reload();
    },
  );

  // A change made here: the answer's thread at once, then what the change added to the timeline (its line in
  // the event log) merged like any event — whether or not the event stream is up.
  const settleThread = useCallback(
    (thread: ThreadSummary) => {
      setView((d) => (d && d.thread.id === thread.id ? { ...d, thread } : d));
      pushChange({ type: 'look-again' });
      list.refresh(thread.id);
    },
    [setView, pushChange, list],
  );
  const run = async <T extends { thread: ThreadSummary }>(action: () => Promise<T>): Promise<boolean> => {
    try {
      settleThread((await action()).thread);
      return true;
    } catch (e) {
      toast.error(errorMessage(e));
      return false;
    }
  };
  const thread = view.data?.thread;
  const contact = view.data?.contact;
  const actions: HeaderActions = {
    assign: (userId) => run(() => inboxApi.assign(threadId, userId)),
    close: () => run(() => inboxApi.close(threadId)),
    reopen: () => run(() => inboxApi.reopen(threadId)),
    snooze: (until) => run(() => inboxApi.snooze(threadId, until.toISOString())),
    simulateReply: async (body) => {
      if (!thread || !contact) return false;
      const from = thread.channel === 'email' ? contact.email : contact.phone;
      if (!from) return false;
      try {
        await inboxApi.simulateReply({ channel: thread.channel, from, body });
        return true;
      } catch (e) {
        toast.error(errorMessage(e));
        return false;
      }
    },
  };

  const submit = async (input: ComposerSubmit): Promise<boolean> => {
    setSending(true);
    try {
      if (input.mode === 'note') {
        const { note } = await inboxApi.note(threadId, { body: input.body, visibility: input.visibility });
        setView((d) => (d && d.thread.id === note.threadId ? mergeItems(d, [{ kind: 'note', at: note.createdAt, note }]) : d));
        panel.setData((p) => p && addPanelNotes(p, [note]));
        return true;
      }
      // Optimistic: a message to send now shows at once and settles to its real status as events arrive.
      // Merges wait for the answer: the message's own event must find its bubble, not show a second one.
      const tempId = `${threadId}:${Date.now()}`;
      setPending((p) => [...p.filter((x) => !x.error), ...(input.sendAt ? [] : [{ tempId, body: input.body, at: new Date().toISOString(), error: null }])]);
      const release = holdChanges();
      try {
        const { message } = await inboxApi.send(threadId, {
          ...(input.template ? { templateId: input.template.id, ...(input.variables ? { variables: input.variables } : {}) } : { body: input.body }),
          ...(input.channel !== thread?.channel ? { channel: input.channel } : {}),
          ...(input.subject ? { subject: input.subject } : {}),
          ...(input.sendAt ? { sendAt: input.sendAt.toISOString() } : {}),
        });
        setPending((p) => p.filter((x) => x.tempId !== tempId));
        if (message.threadId === threadId) setView((d) => d && upsertMessage(d, message));
        else toast.success(`Sent on the contact’s ${input.channel} conversation`);
        if (input.sendAt) toast.success('Scheduled');
        return true;
      } catch (e) {
        if (input.sendAt) toast.error(errorMessage(e));
        setPending((p) => p.map((x) => (x.tempId === tempId ? { ...x, error: errorMessage(e) } : x)));
        return false;
      } finally {
        release();
      }
    } catch (e) {
      toast.error(errorMessage(e));
      return false;
    } finally {
      setSending(false);
    }
  };

  const move = (step: 1 | -1) => {
    const ids = list.threadIds;
    const at = ids.indexOf(threadId);
    const next = ids[at === -1 ? 0 : at + step];
    if (next) router.push(`/inbox/${encodeURIComponent(next)}`);
  };
  useShortcuts({
    j: () => move(1),
    k: () => move(-1),
    '?': () => setHelpOpen(true),
    ...(canWork && me.user ? { a: () => void actions.assign(me.user!.id) } : {}),
    ...(canWork && thread?.status === 'open' ? { e: () => void actions.close() } : {}),
  });

  const loadOlder = async () => {
    if (!nextBefore) return;
    setLoadingOlder(true);
    try {
      const page = await inboxApi.thread(threadId, nextBefore);
      setView((d) => (d && d.thread.id === page.thread.id ? { ...mergeItems(d, page.timeline), nextBefore: page.nextBefore } : d));
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setLoadingOlder(false);
    }
  };

  if (view.error && !view.data) {
    const gone = view.error.status === 404;
    return (
      <div className="grid flex-1 content-start gap-4 p-4">
        <BackLink />
        {gone ? (
          <EmptyState icon={SearchXIcon} title="Conversation not found">
            It does not exist, or it belongs to another workspace.
          </EmptyState>
        ) : (
          <ErrorState title="Could not load the conversation" error={view.error} onRetry={view.reload} />
        )}
      </div>
    );
  }
  if (!view.data || !thread || !contact) return <ConversationLoading />;

  const simulate = composer.data?.channels.find((c) => c.channel === thread.channel)?.simulatedReplies === true && Boolean(thread.channel === 'email' ? contact.email : contact.phone);
  const contactZone = composer.data?.contactTimeZone ?? contact.timeZone ?? me.tenant.timeZone;
  const panelView = (
    <ContactPanelView panel={panel} threadId={threadId} threadLabels={thread.labels} canWork={canWork} timeZone={agentZone} onChanged={() => (panel.reload(), pushChange({ type: 'look-again' }), list.refresh(threadId))} />
  );

  return (
    <div className="flex min-h-0 flex-1">
      <div className="flex min-w-0 flex-1 flex-col">
        <ConversationHeader
          thread={thread}
          members={members.data?.members ?? []}
          meId={me.user?.id ?? null}
          canWork={canWork}
          canSimulate={simulate}
          actions={actions}
          timeZone={agentZone}
          onTogglePanel={() => (wide ? setPanelOpen((o) => !o) : setSheetOpen(true))}
          onShowShortcuts={() => setHelpOpen(true)}
          snoozeOpen={snoozeOpen}
          setSnoozeOpen={setSnoozeOpen}
        />
        <div
          ref={scroller}
          onScroll={(e) => (atEnd.current = e.currentTarget.scrollHeight - e.currentTarget.scrollTop - e.currentTarget.clientHeight < 48)}
          className="min-h-0 flex-1 overflow-y-auto px-3 py-4 sm:px-5"
          tabIndex={0}
          aria-label="Conversation timeline"
          data-testid="timeline"
        >
          <div>
          {nextBefore && (
            <div className="mb-4 flex justify-center">
              <Button variant="outline" size="sm" onClick={() => void loadOlder()} disabled={loadingOlder}>
                {loadingOlder && <Loader2Icon className="animate-spin" aria-hidden="true" />}
                Load older
              </Button>
            </div>
          )}
          {items.length === 0 && pendingHere.length === 0 ? (
            <p className="py-10 text-center text-sm text-muted-foreground">No messages yet. Write the first one below.</p>
          ) : (
            <Timeline items={items} pending={pendingHere} timeZone={agentZone} />
          )}
          </div>
        </div>
        <ScheduledMessages messages={view.data.scheduled} canChange={canWork} onChanged={() => pushChange({ type: 'scheduled-changed' })} agentZone={agentZone} contactZone={contactZone} />
        {canWork ? (
          composer.error && !composer.data ? (
            <div className="border-t p-3">
              <ErrorState title="Could not load the composer" error={composer.error} onRetry={composer.reload} />
            </div>
          ) : (
            <Composer key={threadId} composer={composer} agentZone={agentZone} onSubmit={submit} busy={sending} />
          )
        ) : (
          <p className="flex items-center gap-2 border-t bg-muted/40 px-4 py-3 text-sm text-muted-foreground" data-testid="read-only-notice">
            <EyeIcon className="size-4" aria-hidden="true" />
            You can read this conversation. Viewers cannot reply or change it.
          </p>
        )}
      </div>
      {wide && panelOpen && (
        <aside className="w-72 shrink-0 overflow-x-hidden overflow-y-auto border-l" aria-label="Contact" tabIndex={-1}>
          {panelView}
        </aside>
      )}
      {!wide && (
        <Sheet open={sheetOpen} onOpenChange={setSheetOpen}>
          <SheetContent side="right" className="w-full overflow-y-auto p-0 sm:max-w-sm">
            <SheetHeader className="border-b">
              <SheetTitle>Contact</SheetTitle>
              <SheetDescription className="sr-only">Details, consent, labels, sequences, quotes and notes</SheetDescription>
            </SheetHeader>
            {panelView}
          </SheetContent>
        </Sheet>
      )}
      <ShortcutsDialog open={helpOpen} onOpenChange={setHelpOpen} />
    </div>
  );
}
