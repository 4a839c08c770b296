'use client';

import { memo } from 'react';
import { AlertCircleIcon, CheckCheckIcon, CheckIcon, ClockIcon, ExternalLinkIcon, FileIcon, LockIcon, WorkflowIcon, XCircleIcon } from 'lucide-react';
import type { MessageStatus } from '../../../domain/channels';
import type { InboxMessage, NoteView, ThreadEventView, TimelineItem } from '../../../domain/schemas/inbox';
import { formatAbsolute, formatShort, parseIso } from '../../lib/format';
import { statusLabel } from '../../lib/statuses';
import { cn } from '../../lib/utils';
import { Popover, PopoverContent, PopoverTrigger } from '../ui/popover';

/** A message the agent just sent, shown before the API has answered (optimistic). */
export interface PendingMessage {
  tempId: string;
  body: string;
  at: string;
  /** Set when the API refused it. */
  error: string | null;
}

const DELIVERY_ICONS: Partial<Record<MessageStatus, typeof CheckIcon>> = {
  scheduled: ClockIcon,
  queued: ClockIcon,
  sending: ClockIcon,
  sent: CheckIcon,
  delivered: CheckCheckIcon,
  read: CheckCheckIcon,
  failed: AlertCircleIcon,
  undelivered: AlertCircleIcon,
  cancelled: XCircleIcon,
};

function DeliveryMark({ message }: { message: InboxMessage }) {
  const Icon = DELIVERY_ICONS[message.status];
  const problem = message.status === 'failed' || message.status === 'undelivered';
  return (
    <span className={cn('inline-flex items-center gap-1', problem && 'font-medium text-destructive', message.status === 'read' && 'text-primary')} data-testid="delivery-status" data-status={message.status}>
      {Icon && <Icon className="size-3.5" aria-hidden="true" />}
      {statusLabel(message.status)}
    </span>
  );
}

function MediaPreviews({ urls }: { urls: string[] }) {
  if (urls.length === 0) return null;
  return (
    <div className="mt-2 flex flex-wrap gap-2">
      {urls.map((url) =>
        /\.(png|jpe?g|gif|webp)(\?|$)/i.test(url) ? (
          <a key={url} href={url} target="_blank" rel="noreferrer" className="block overflow-hidden rounded-md border">
            <img src={url} alt="Attached image" className="max-h-48 max-w-56 object-cover" loading="lazy" />
          </a>
        ) : (
          <a key={url} href={url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 rounded-md border px-2 py-1 text-xs underline-offset-4 hover:underline">
            <FileIcon className="size-3.5" aria-hidden="true" />
            Attachment
          </a>
        ),
      )}
    </div>
  );
}

/** Which workflow sent an automated message and why it went out when it did, with a link to its run. */
function AutomationInfo({ message }: { message: InboxMessage }) {
  const automation = message.automation;
  if (!automation) return null;
  return (
    <Popover>
      <PopoverTrigger className="inline-flex items-center gap-1 rounded-sm underline-offset-4 hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none" data-testid="automation-trigger">
        <WorkflowIcon className="size-3.5" aria-hidden="true" />
        {automation.origin === 'agent' ? 'Workflow' : `Automated: ${automation.origin}`}
      </PopoverTrigger>
      <PopoverContent className="w-80 text-sm" align="end" aria-label="The workflow behind it">
        <div className="grid gap-2">
          <p className="font-medium">Sent by a Temporal workflow</p>
          {automation.why && <p data-testid="automation-why">{automation.why.text}</p>}
          <p className="font-mono text-xs break-all text-muted-foreground">{automation.workflowId}</p>
          <a href={automation.temporalUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 font-medium text-primary underline-offset-4 hover:underline">
            Open its run in Temporal Web
            <ExternalLinkIcon className="size-3.5" aria-hidden="true" />
          </a>
        </div>
      </PopoverContent>
    </Popover>
  );
}

// Memoised (as Note and EventLine): a merge keeps the items it did not change, so only new or changed ones render.
const Bubble = memo(function Bubble({ message, timeZone }: { message: InboxMessage; timeZone: string }) {
  const outbound = message.direction === 'outbound';
  const at = parseIso(message.createdAt)!;
  const failed = message.status === 'failed' || message.status === 'undelivered';
  return (
    <li className={cn('flex', outbound ? 'justify-end' : 'justify-start')} data-testid="message" data-direction={message.direction} data-message-id={message.id}>
      <div className={cn('grid max-w-[85%] gap-1 sm:max-w-[75%]', outbound && 'justify-items-end')}>
        <div
          className={cn(
            'rounded-2xl px-3.5 py-2 text-sm whitespace-pre-wrap break-words shadow-xs',
            outbound ? 'rounded-br-sm bg-primary text-primary-foreground' : 'rounded-bl-sm bg-muted text-foreground',
            failed && 'ring-2 ring-destructive/60',
          )}
        >
          {message.subject && <p className="mb-1 font-medium">{message.subject}</p>}
          {message.body}
          <MediaPreviews urls={message.mediaUrls} />
        </div>
        <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 px-1 text-xs text-muted-foreground">
          <time dateTime={at.toISOString()} title={formatAbsolute(at, timeZone)}>
            {formatShort(at, timeZone)}
          </time>
          {outbound && <DeliveryMark message={message} />}
          {outbound && <AutomationInfo message={message} />}
        </div>
        {failed && message.failureReason && (
          <p className="px-1 text-xs text-destructive" data-testid="failure-reason">
            {message.failureReason}
          </p>
        )}
      </div>
    </li>
  );
});

function PendingBubble({ pending }: { pending: PendingMessage }) {
  return (
    <li className="flex justify-end" data-testid="message" data-direction="outbound" data-pending="true">
      <div className="grid max-w-[85%] justify-items-end gap-1 sm:max-w-[75%]">
        <div className={cn('rounded-2xl rounded-br-sm bg-primary px-3.5 py-2 text-sm whitespace-pre-wrap break-words text-primary-foreground', !pending.error && 'opacity-70')}>{pending.body}</div>
        <span className={cn('px-1 text-xs', pending.error ? 'text-destructive' : 'text-muted-foreground')} data-testid="delivery-status" data-status={pending.error ? 'refused' : 'sending'}>
          {pending.error ? `Not sent: ${pending.error}` : 'Sending…'}
        </span>
      </div>
    </li>
  );
}

const Note = memo(function Note({ note, timeZone }: { note: NoteView; timeZone: string }) {
  const at = parseIso(note.createdAt)!;
  const isPrivate = note.visibility === 'private';
  return (
    <li className="flex justify-center" data-testid="note" data-visibility={note.visibility}>
      <div
        className={cn(
          'w-full max-w-[85%] rounded-lg border px-3.5 py-2 text-sm sm:max-w-[75%]',
          isPrivate ? 'border-dashed border-warning/60 bg-warning/10' : 'bg-card',
        )}
      >
        <p className="mb-1 flex items-center gap-1.5 text-xs text-muted-foreground">
          {isPrivate && <LockIcon className="size-3" aria-hidden="true" />}
          <span className="font-medium text-foreground">{note.author?.name ?? 'API key'}</span>
          {isPrivate ? 'private note' : 'note'} ·
          <time dateTime={at.toISOString()} title={formatAbsolute(at, timeZone)}>
            {formatShort(at, timeZone)}
          </time>
        </p>
        <p className="whitespace-pre-wrap break-words">{note.body}</p>
      </div>
    </li>
  );
});

function actorName(event: ThreadEventView): string {
  const actor = event.actor;
  if (actor.kind === 'user') return actor.name ?? 'Someone';
  if (actor.kind === 'apiKey') return 'An API key';
  return 'Herald';
}

/** A change as a sentence: "Maya assigned it to Tom", "Herald reopened it". */
export function describeEvent(event: ThreadEventView, timeZone: string): string {
  const who = actorName(event);
  const data = event.data;
  switch (event.type) {
    case 'thread.assigned': {
      const to = typeof data.assigneeName === 'string' ? data.assigneeName : null;
      if (event.actor.kind === 'user' && event.actor.id === data.assigneeId) return `${who} took it`;
      return to ? `${who} assigned it to ${to}` : `${who} unassigned it`;
    }
    case 'thread.unassigned':
      return `${who} unassigned it`;
    case 'thread.closed':
      return `${who} closed it`;
    case 'thread.reopened':
      return `${who} reopened it`;
    case 'thread.snoozed': {
      const until = parseIso(typeof data.until === 'string' ? data.until : null);
      return until ? `${who} snoozed it until ${formatShort(until, timeZone)}` : `${who} snoozed it`;
    }
    case 'thread.labelled': {
      const labels = Array.isArray(data.labels) ? data.labels.filter((l): l is string => typeof l === 'string') : [];
      return labels.length ? `${who} set the labels ${labels.join(', ')}` : `${who} removed the labels`;
    }
    default:
      return `${who}: ${event.type.replace(/^thread\./, '').replace(/[._]/g, ' ')}`;
  }
}

const EventLine = memo(function EventLine({ event, timeZone }: { event: ThreadEventView; timeZone: string }) {
  const at = parseIso(event.createdAt)!;
  return (
    <li className="flex items-center gap-3 text-xs text-muted-foreground" data-testid="timeline-event" data-type={event.type}>
      <span className="h-px flex-1 bg-border" aria-hidden="true" />
      <span>
        {describeEvent(event, timeZone)} ·{' '}
        <time dateTime={at.toISOString()} title={formatAbsolute(at, timeZone)}>
          {formatShort(at, timeZone)}
        </time>
      </span>
      <span className="h-px flex-1 bg-border" aria-hidden="true" />
    </li>
  );
});

export function Timeline({ items, pending, timeZone }: { items: TimelineItem[]; pending: PendingMessage[]; timeZone: string }) {
  return (
    <ol className="grid gap-3" aria-label="Messages, notes and changes">
      {items.map((item) =>
        item.kind === 'message' ? (
          <Bubble key={`m:${item.message.id}`} message={item.message} timeZone={timeZone} />
        ) : item.kind === 'note' ? (
          <Note key={`n:${item.note.id}`} note={item.note} timeZone={timeZone} />
        ) : (
          <EventLine key={`e:${item.event.id}`} event={item.event} timeZone={timeZone} />
        ),
      )}
      {pending.map((p) => (
        <PendingBubble key={p.tempId} pending={p} />
      ))}
    </ol>
  );
}
