'use client';

import { ExternalLinkIcon, LockIcon, PauseIcon, PlayIcon, PlusIcon, SquareIcon, XIcon } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { LabelSchema, type ContactPanel as Panel } from '../../../domain/schemas/inbox';
import { errorMessage } from '../../lib/api-error';
import { formatShort, parseIso } from '../../lib/format';
import type { Query } from '../../lib/use-api';
import { cn } from '../../lib/utils';
import { ConfirmDialog } from '../confirm-dialog';
import { ErrorState } from '../error-state';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Input } from '../ui/input';
import { Skeleton } from '../ui/skeleton';
import { toast } from '../ui/sonner';
import { CHANNEL_LABELS } from './channel-icon';
import { inboxApi } from './inbox-api';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-2 border-b px-4 py-3 last:border-b-0" aria-label={title}>
      <h3 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title}</h3>
      {children}
    </section>
  );
}

function Field({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="grid grid-cols-[6rem_minmax(0,1fr)] gap-2 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{value ?? <span className="text-muted-foreground">—</span>}</dd>
    </div>
  );
}

const CONSENT_WORDS = { granted: 'Opted in', revoked: 'Opted out', unknown: 'Not asked' } as const;

function customValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function Labels({ labels, threadId, canEdit, onChanged }: { labels: string[]; threadId: string; canEdit: boolean; onChanged: () => void }) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (next: string[]) => {
    try {
      await inboxApi.labels(threadId, next);
      onChanged();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  const add = async () => {
    const parsed = LabelSchema.safeParse(draft);
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? 'Not a label');
    setProblem(null);
    setDraft('');
    if (!labels.includes(parsed.data)) await save([...labels, parsed.data]);
  };
  return (
    <div className="grid gap-2">
      <ul className="flex flex-wrap gap-1.5" aria-label="Labels of this conversation">
        {labels.length === 0 && <li className="text-sm text-muted-foreground">No labels</li>}
        {labels.map((label) => (
          <li key={label}>
            <Badge variant="secondary" className="gap-1 pr-1">
              {label}
              {canEdit && (
                <button type="button" className="rounded-sm hover:bg-background/60" aria-label={`Remove the label ${label}`} onClick={() => void save(labels.filter((l) => l !== label))}>
                  <XIcon className="size-3" aria-hidden="true" />
                </button>
              )}
            </Badge>
          </li>
        ))}
      </ul>
      {canEdit && (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="Add a label" aria-label="New label" className="h-8 min-w-0" aria-invalid={problem ? true : undefined} />
          <Button type="submit" size="sm" variant="outline" disabled={!draft.trim()}>
            <PlusIcon aria-hidden="true" />
            Add
          </Button>
        </form>
      )}
      {problem && <p className="text-xs text-destructive">{problem}</p>}
    </div>
  );
}

/** Everything about the contact beside the conversation: details, consent, notes, enrollments, quotes, labels. */
export function ContactPanelView({
  panel,
  threadId,
  threadLabels,
  canWork,
  timeZone,
  onChanged,
}: {
  panel: Query<Panel>;
  threadId: string;
  threadLabels: string[];
  canWork: boolean;
  timeZone: string;
  onChanged: () => void;
}) {
  if (panel.error && !panel.data) return <div className="p-4"><ErrorState title="Could not load the contact" error={panel.error} onRetry={panel.reload} /></div>;
  if (!panel.data) {
    return (
      <div className="grid gap-3 p-4" role="status" aria-busy="true" aria-label="Loading the contact">
        <Skeleton className="h-5 w-2/3" />
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-5/6" />
        <Skeleton className="h-20 w-full" />
      </div>
    );
  }
  const { contact, consent, notes, enrollments, quotes } = panel.data;
  const custom = Object.entries(contact.customProperties);
  const enrollmentAction = async (id: string, action: 'pause' | 'resume' | 'stop') => {
    try {
      await inboxApi.enrollment(id, action);
      panel.reload();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  return (
    <div className="grid min-w-0 grid-cols-[minmax(0,1fr)]" data-testid="contact-panel">
      <Section title="Details">
        <dl className="grid gap-1.5">
          <Field label="Name" value={[contact.firstName, contact.lastName].filter(Boolean).join(' ') || null} />
          <Field label="Phone" value={contact.phone} />
          <Field label="Email" value={contact.email} />
          <Field label="Time zone" value={contact.timeZone ?? 'The business’s'} />
          <Field label="Source" value={contact.source} />
          {custom.map(([key, value]) => (
            <Field key={key} label={key} value={customValue(value)} />
          ))}
        </dl>
      </Section>
      <Section title="Consent">
        <ul className="grid grid-cols-[minmax(0,1fr)] gap-1">
          {consent.map((c) => (
            <li key={c.channel} className="flex items-center justify-between text-sm">
              <span>{CHANNEL_LABELS[c.channel]}</span>
              <Badge variant={c.status === 'granted' ? 'success' : c.status === 'revoked' ? 'destructive' : 'outline'}>{CONSENT_WORDS[c.status]}</Badge>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Labels">
        <Labels labels={threadLabels} threadId={threadId} canEdit={canWork} onChanged={onChanged} />
      </Section>
      <Section title="Sequences">
        {enrollments.length === 0 ? (
          <p className="text-sm text-muted-foreground">Not in any running sequence.</p>
        ) : (
          <ul className="grid grid-cols-[minmax(0,1fr)] gap-2">
            {enrollments.map((e) => {
              const next = parseIso(e.nextSendAt);
              return (
                <li key={e.id} className="grid gap-1 rounded-md border p-2 text-sm" data-testid="enrollment">
                  <div className="flex items-center justify-between gap-2">
                    <span className="min-w-0 truncate font-medium">{e.sequenceName}</span>
                    <Badge variant={e.status === 'active' ? 'success' : 'secondary'}>{e.status === 'active' ? 'Running' : 'Paused'}</Badge>
                  </div>
                  <p className="text-xs text-muted-foreground">
                    Step {e.currentStep + 1}
                    {next && e.status === 'active' ? ` · next send ${formatShort(next, timeZone)}` : ''}
                  </p>
                  <div className="flex flex-wrap gap-1">
                    {canWork && e.status === 'active' && (
                      <Button size="sm" variant="outline" onClick={() => void enrollmentAction(e.id, 'pause')}>
                        <PauseIcon aria-hidden="true" />
                        Pause
                      </Button>
                    )}
                    {canWork && e.status === 'paused' && (
                      <Button size="sm" variant="outline" onClick={() => void enrollmentAction(e.id, 'resume')}>
                        <PlayIcon aria-hidden="true" />
                        Resume
                      </Button>
                    )}
                    {canWork && (
                      <ConfirmDialog
                        trigger={
                          <Button size="sm" variant="outline" className="text-destructive">
                            <SquareIcon aria-hidden="true" />
                            Stop
                          </Button>
                        }
                        title={`Stop “${e.sequenceName}” for this contact?`}
                        description="Its remaining steps will not be sent. A stopped enrollment cannot be resumed; enrolling again starts from the first step."
                        confirmLabel="Stop the sequence"
                        onConfirm={async () => {
                          await inboxApi.enrollment(e.id, 'stop');
                          panel.reload();
                        }}
                      />
                    )}
                    {e.temporalUrl && (
                      <Button size="sm" variant="ghost" asChild>
                        <a href={e.temporalUrl} target="_blank" rel="noreferrer">
                          <ExternalLinkIcon aria-hidden="true" />
                          Workflow
                        </a>
                      </Button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Section>
      <Section title="Quotes">
        {quotes.length === 0 ? (
          <p className="text-sm text-muted-foreground">No quotes.</p>
        ) : (
          <ul className="grid grid-cols-[minmax(0,1fr)] gap-1">
            {quotes.map((q) => (
              <li key={q.id} className="flex items-center justify-between gap-2 text-sm">
                <span className="min-w-0 flex-1 truncate">{q.title ?? 'Quote'}</span>
                <span className="shrink-0 tabular-nums">
                  {q.total} {q.currency}
                </span>
                <Badge variant="outline">{q.status}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Notes">
        {notes.length === 0 ? (
          <p className="text-sm text-muted-foreground">No notes yet.</p>
        ) : (
          <ul className="grid grid-cols-[minmax(0,1fr)] gap-2">
            {notes.slice(0, 10).map((n) => {
              const at = parseIso(n.createdAt)!;
              return (
                <li key={n.id} className={cn('rounded-md border p-2 text-sm', n.visibility === 'private' && 'border-dashed border-warning/60 bg-warning/10')}>
                  <p className="mb-0.5 flex items-center gap-1 text-xs text-muted-foreground">
                    {n.visibility === 'private' && <LockIcon className="size-3" aria-label="Private" />}
                    {n.author?.name ?? 'API key'} · {formatShort(at, timeZone)}
                  </p>
                  <p className="line-clamp-4 whitespace-pre-wrap break-words">{n.body}</p>
                </li>
              );
            })}
          </ul>
        )}
      </Section>
    </div>
  );
}
