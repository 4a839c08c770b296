'use client';

import { AlarmClockIcon, ArrowLeftIcon, CheckIcon, KeyboardIcon, Loader2Icon, PanelRightIcon, RotateCcwIcon, UserIcon, UserRoundPlusIcon, WandSparklesIcon } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import type { ThreadSummary } from '../../../domain/schemas/inbox';
import type { MemberView } from '../../../domain/schemas/accounts';
import { formatShort, parseIso } from '../../lib/format';
import { useApiAction } from '../../lib/use-api';
import { FormError } from '../form-error';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { DateTimePicker } from '../ui/date-time-picker';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '../ui/dialog';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '../ui/dropdown-menu';
import { Label } from '../ui/label';
import { Textarea } from '../ui/textarea';
import { CHANNEL_LABELS, ChannelIcon } from './channel-icon';
import { contactName } from './thread-list';

export interface HeaderActions {
  assign: (userId: string | null) => Promise<unknown>;
  close: () => Promise<unknown>;
  reopen: () => Promise<unknown>;
  snooze: (until: Date) => Promise<boolean>;
  simulateReply: (body: string) => Promise<boolean>;
}

function SnoozeDialog({ open, onOpenChange, onSnooze, timeZone }: { open: boolean; onOpenChange: (o: boolean) => void; onSnooze: (until: Date) => Promise<boolean>; timeZone: string }) {
  const [until, setUntil] = useState<Date | null>(null);
  const snooze = useApiAction(async (when: Date) => onSnooze(when));
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Snooze the conversation</DialogTitle>
          <DialogDescription>It comes back as open at this time ({timeZone}), or as soon as the contact writes.</DialogDescription>
        </DialogHeader>
        <DateTimePicker value={until} onChange={setUntil} fromDate={new Date()} label="Snooze until" />
        <FormError error={snooze.error} />
        <DialogFooter>
          <Button disabled={!until || snooze.pending} onClick={() => void (until && snooze.run(until).then((ok) => ok && onOpenChange(false)))}>
            {snooze.pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
            Snooze
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function SimulateReplyDialog({ open, onOpenChange, onSend }: { open: boolean; onOpenChange: (o: boolean) => void; onSend: (body: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const send = async () => {
    setPending(true);
    const ok = await onSend(text.trim());
    setPending(false);
    if (ok) {
      setText('');
      onOpenChange(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Simulate a reply</DialogTitle>
          <DialogDescription>The fake provider carries this channel: play the contact, and the message arrives the way a real one would.</DialogDescription>
        </DialogHeader>
        <div className="grid gap-2">
          <Label htmlFor="simulated-reply">The contact writes</Label>
          <Textarea id="simulated-reply" value={text} onChange={(e) => setText(e.target.value)} rows={3} />
        </div>
        <DialogFooter>
          <Button disabled={!text.trim() || pending} onClick={() => void send()}>
            {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
            Receive it
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** Who the conversation is with, its state, and (for agents and up) assign, close or reopen, snooze. */
export function ConversationHeader({
  thread,
  members,
  meId,
  canWork,
  canSimulate,
  actions,
  timeZone,
  onTogglePanel,
  onShowShortcuts,
  snoozeOpen,
  setSnoozeOpen,
}: {
  thread: ThreadSummary;
  members: MemberView[];
  meId: string | null;
  canWork: boolean;
  canSimulate: boolean;
  actions: HeaderActions;
  timeZone: string;
  onTogglePanel: () => void;
  onShowShortcuts: () => void;
  snoozeOpen: boolean;
  setSnoozeOpen: (o: boolean) => void;
}) {
  const [simulateOpen, setSimulateOpen] = useState(false);
  const name = contactName(thread.contact);
  const snoozedUntil = parseIso(thread.snoozedUntil);
  const assignable = members.filter((m) => m.role !== 'viewer');
  return (
    <header className="flex min-h-14 flex-wrap items-center gap-2 border-b px-3 py-2" data-testid="conversation-header">
      <Button asChild variant="ghost" size="icon" className="md:hidden">
        <Link href="/inbox" aria-label="Back to conversations">
          <ArrowLeftIcon aria-hidden="true" />
        </Link>
      </Button>
      <div className="grid min-w-[11rem] flex-1">
        <h2 className="flex items-center gap-2 truncate font-semibold">
          <span className="truncate">{name}</span>
          <ChannelIcon channel={thread.channel} className="shrink-0 text-muted-foreground" />
        </h2>
        <p className="flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
          <span>{CHANNEL_LABELS[thread.channel]}</span>
          <Badge variant={thread.status === 'closed' ? 'secondary' : thread.status === 'snoozed' ? 'warning' : 'success'} data-testid="thread-status">
            {thread.status === 'closed' ? 'Closed' : thread.status === 'snoozed' ? `Snoozed${snoozedUntil ? ` until ${formatShort(snoozedUntil, timeZone)}` : ''}` : 'Open'}
          </Badge>
          <span data-testid="assignee">{thread.assignee ? `Assigned to ${thread.assignee.name}` : 'Unassigned'}</span>
        </p>
      </div>
      <div className="ml-auto flex items-center gap-1">
        {canWork && canSimulate && (
          <Button variant="outline" size="sm" onClick={() => setSimulateOpen(true)}>
            <WandSparklesIcon aria-hidden="true" />
            <span className="hidden 2xl:inline">Simulate reply</span>
            <span className="sr-only 2xl:hidden">Simulate a reply</span>
          </Button>
        )}
        {canWork && (
          <>
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="outline" size="sm" aria-label="Assign">
                  <UserRoundPlusIcon aria-hidden="true" />
                  <span className="hidden 2xl:inline">Assign</span>
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                {meId && (
                  <DropdownMenuItem onSelect={() => void actions.assign(meId)}>
                    <UserIcon aria-hidden="true" />
                    Assign to me
                  </DropdownMenuItem>
                )}
                <DropdownMenuSeparator />
                <DropdownMenuLabel>Assign to</DropdownMenuLabel>
                {assignable
                  .filter((m) => m.id !== meId)
                  .map((m) => (
                    <DropdownMenuItem key={m.id} onSelect={() => void actions.assign(m.id)}>
                      {m.name}
                    </DropdownMenuItem>
                  ))}
                <DropdownMenuSeparator />
                <DropdownMenuItem onSelect={() => void actions.assign(null)} disabled={!thread.assignee}>
                  Nobody
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
            <Button variant="outline" size="sm" onClick={() => setSnoozeOpen(true)} aria-label="Snooze">
              <AlarmClockIcon aria-hidden="true" />
              <span className="hidden 2xl:inline">Snooze</span>
            </Button>
            {thread.status === 'open' ? (
              <Button size="sm" onClick={() => void actions.close()} aria-keyshortcuts="e">
                <CheckIcon aria-hidden="true" />
                Close
              </Button>
            ) : (
              <Button size="sm" variant="secondary" onClick={() => void actions.reopen()}>
                <RotateCcwIcon aria-hidden="true" />
                Reopen
              </Button>
            )}
          </>
        )}
        <Button variant="ghost" size="icon" onClick={onShowShortcuts} aria-label="Keyboard shortcuts" aria-keyshortcuts="?" className="hidden md:inline-flex">
          <KeyboardIcon aria-hidden="true" />
        </Button>
        <Button variant="ghost" size="icon" onClick={onTogglePanel} aria-label="Contact details" data-testid="toggle-contact-panel">
          <PanelRightIcon aria-hidden="true" />
        </Button>
      </div>
      <SnoozeDialog open={snoozeOpen} onOpenChange={setSnoozeOpen} onSnooze={actions.snooze} timeZone={timeZone} />
      <SimulateReplyDialog open={simulateOpen} onOpenChange={setSimulateOpen} onSend={actions.simulateReply} />
    </header>
  );
}
