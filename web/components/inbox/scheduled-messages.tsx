'use client';

import { CalendarClockIcon, Loader2Icon, XIcon } from 'lucide-react';
import { useState } from 'react';
import type { InboxMessage } from '../../../domain/schemas/inbox';
import { formatAbsolute, formatShort, parseIso, truncate } from '../../lib/format';
import { useApiAction } from '../../lib/use-api';
import { ConfirmDialog } from '../confirm-dialog';
import { FormError } from '../form-error';
import { Button } from '../ui/button';
import { DateTimePicker } from '../ui/date-time-picker';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../ui/dialog';
import { toast } from '../ui/sonner';
import { inboxApi } from './inbox-api';

/** "Tue 9:00 AM (Europe/London)" in the agent's zone, with the contact's when it differs. */
export function whenInZones(date: Date, agentZone: string, contactZone: string): string {
  const mine = formatShort(date, agentZone);
  if (contactZone === agentZone) return mine;
  return `${mine} · ${formatShort(date, contactZone)} for the contact`;
}

function RescheduleDialog({ message, onDone, agentZone, contactZone }: { message: InboxMessage; onDone: () => void; agentZone: string; contactZone: string }) {
  const [open, setOpen] = useState(false);
  const [when, setWhen] = useState<Date | null>(parseIso(message.scheduledAt));
  const reschedule = useApiAction((sendAt: string) => inboxApi.rescheduleMessage(message.id, sendAt));
  const save = async () => {
    if (!when) return;
    const answer = await reschedule.run(when.toISOString());
    if (!answer) return;
    if (answer.warning) toast.warning(answer.warning);
    setOpen(false);
    onDone();
  };
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), reschedule.reset())}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label="Reschedule">
          <CalendarClockIcon aria-hidden="true" />
          <span className="hidden lg:inline">Reschedule</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Reschedule the message</DialogTitle>
          <DialogDescription>Pick a new time in your zone ({agentZone}). Quiet hours still apply when it is due.</DialogDescription>
        </DialogHeader>
        <DateTimePicker value={when} onChange={setWhen} fromDate={new Date()} label="New send day" />
        {when && <p className="text-sm text-muted-foreground">{whenInZones(when, agentZone, contactZone)}</p>}
        <FormError error={reschedule.error} />
        <DialogFooter>
          <Button onClick={() => void save()} disabled={!when || reschedule.pending}>
            {reschedule.pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
            Save
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** What is still to go out on this thread, soonest first, each with cancel and reschedule (agents and up). */
export function ScheduledMessages({
  messages,
  canChange,
  onChanged,
  agentZone,
  contactZone,
}: {
  messages: InboxMessage[];
  canChange: boolean;
  onChanged: () => void;
  agentZone: string;
  contactZone: string;
}) {
  if (messages.length === 0) return null;
  return (
    <section aria-label="Scheduled messages" className="border-t bg-muted/40 px-3 py-2">
      <h3 className="mb-1 flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
        <CalendarClockIcon className="size-3.5" aria-hidden="true" />
        Scheduled ({messages.length})
      </h3>
      <ul className="grid max-h-28 gap-1 overflow-y-auto sm:max-h-40">
        {messages.slice(0, 5).map((message) => {
          const at = parseIso(message.scheduledAt);
          return (
            <li key={message.id} className="flex items-center gap-2 rounded-md bg-background px-2 py-1.5 text-sm" data-testid="scheduled-message">
              <span className="grid min-w-0 flex-1">
              <span className="truncate">{truncate(message.body, 90)}</span>
              <span className="truncate text-xs text-muted-foreground" title={at ? formatAbsolute(at, agentZone) : undefined}>
                {at ? whenInZones(at, agentZone, contactZone) : 'As soon as it can go'}
                {message.automation?.why && message.automation.why.kind !== 'scheduled' ? ` — ${message.automation.why.text}` : ''}
              </span>
              </span>
              {canChange && (
                <span className="flex shrink-0 gap-1">
                  <RescheduleDialog message={message} onDone={onChanged} agentZone={agentZone} contactZone={contactZone} />
                  <ConfirmDialog
                    trigger={
                      <Button variant="ghost" size="sm" className="text-destructive" aria-label="Cancel">
                        <XIcon aria-hidden="true" />
                        <span className="hidden lg:inline">Cancel</span>
                      </Button>
                    }
                    title="Cancel this message?"
                    description="It will not be sent. This cannot be undone."
                    confirmLabel="Cancel message"
                    onConfirm={async () => {
                      const answer = await inboxApi.cancelMessage(message.id);
                      if (answer.warning) toast.warning(answer.warning);
                      onChanged();
                    }}
                  />
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
