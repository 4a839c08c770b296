'use client';

import { AlertTriangleIcon, CalendarClockIcon, MoveRightIcon, UserRoundSearchIcon } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { ContactView } from '../../../domain/schemas/contact';
import type { SequenceView } from '../../../domain/schemas/sequence';
import { browserTimeZone } from '../../lib/auth-forms';
import { safeTimeZone } from '../../lib/format';
import { useApiQuery } from '../../lib/use-api';
import { EmptyState, ErrorState } from '../error-state';
import { CHANNEL_LABELS, ChannelIcon } from '../inbox/channel-icon';
import { useMe } from '../shell/me-context';
import { Alert, AlertDescription } from '../ui/alert';
import { Badge } from '../ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../ui/card';
import { Label } from '../ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '../ui/select';
import { Skeleton } from '../ui/skeleton';
import { ContactPicker } from './contact-picker';
import { sequenceApi } from './sequence-api';
import { contactLabel, waitLabel } from './sequence-words';

const OUTCOMES = {
  send: { label: 'Sends', variant: 'success' },
  skip: { label: 'Skipped', variant: 'secondary' },
  stop: { label: 'Ends the enrollment', variant: 'destructive' },
  not_reached: { label: 'Not reached', variant: 'outline' },
} as const;

/** "Fri, Nov 28, 8:00 AM EST" in a zone. */
function formatWhen(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(date);
}

/** A short stable fingerprint of a version's content, so the preview loads again when the saved steps change. */
function fingerprint(value: unknown): string {
  const text = JSON.stringify(value);
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash << 5) + hash + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(36);
}

/**
 * When each step would go out for a chosen contact — worked out by the API with the same code the enrollment
 * workflow runs — in the contact's zone and the viewer's, why it moved (quiet hours, business days), and the
 * text as the contact would read it, with what it lacks flagged.
 */
export function SchedulePreview({ sequence, unsaved }: { sequence: SequenceView; unsaved: boolean }) {
  const { data: me } = useMe();
  const [contact, setContact] = useState<ContactView | null>(null);
  const [choice, setChoice] = useState<'draft' | 'published'>(sequence.draft ? 'draft' : 'published');
  const kind = choice === 'draft' && sequence.draft ? 'draft' : sequence.published ? 'published' : 'draft';
  const version = kind === 'draft' ? sequence.draft : sequence.published;
  const revision = useMemo(() => fingerprint(version), [version]);
  const preview = useApiQuery(contact ? `sequence-preview:${sequence.id}:${kind}:${contact.id}:${revision}` : null, (signal) =>
    sequenceApi.preview(sequence.id, { contactId: contact!.id, version: kind }, signal),
  );
  const myZone = safeTimeZone(browserTimeZone() ?? me.tenant.timeZone);
  const data = preview.data?.preview;

  return (
    <Card className="gap-4" aria-labelledby="schedule-preview-title" data-testid="schedule-preview">
      <CardHeader>
        <CardTitle id="schedule-preview-title" className="flex items-center gap-2">
          <CalendarClockIcon className="size-4" aria-hidden="true" />
          Schedule preview
        </CardTitle>
        <CardDescription>When each step would go out if this contact were enrolled now, and what it would say.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
          <div className="grid gap-2">
            <Label htmlFor="preview-contact">Sample contact</Label>
            <ContactPicker id="preview-contact" label="Sample contact" value={contact} onChange={setContact} />
          </div>
          {sequence.draft && sequence.published && (
            <div className="grid gap-2">
              <Label htmlFor="preview-version">Version</Label>
              <Select value={kind} onValueChange={(v) => setChoice(v as 'draft' | 'published')}>
                <SelectTrigger id="preview-version" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="draft">Draft v{sequence.draft.version}</SelectItem>
                  <SelectItem value="published">Published v{sequence.published.version}</SelectItem>
                </SelectContent>
              </Select>
            </div>
          )}
        </div>
        {unsaved && kind === 'draft' && (
          <Alert>
            <AlertTriangleIcon aria-hidden="true" className="!text-warning" />
            <AlertDescription>The preview shows the saved draft. Save to preview your changes.</AlertDescription>
          </Alert>
        )}
        {!contact ? (
          <EmptyState icon={UserRoundSearchIcon} title="Choose a contact">
            Their time zone, quiet hours and details decide when each step goes out and what it says.
          </EmptyState>
        ) : preview.error && !data ? (
          <ErrorState title="Could not preview the schedule" error={preview.error} onRetry={preview.reload} />
        ) : !data ? (
          <div className="grid gap-3" role="status" aria-busy="true" aria-label="Working out the schedule">
            <Skeleton className="h-24 w-full" />
            <Skeleton className="h-24 w-full" />
          </div>
        ) : (
          <div className="grid gap-3">
            <p className="text-sm text-muted-foreground">
              {contactLabel(contact)}’s time zone: <span className="font-medium text-foreground">{data.timeZone}</span>
              {data.timeZone !== myZone && <> · yours: {myZone}</>}. Version {data.version}
              {data.published ? ' (published)' : ' (draft)'}.
            </p>
            <ol className="grid gap-3" aria-label="Steps as they would run">
              {data.steps.map((step) => {
                const at = new Date(step.fireAt);
                const outcome = OUTCOMES[step.outcome];
                return (
                  <li key={step.position} className="grid gap-2 rounded-md border p-3 text-sm" data-testid="preview-step" data-outcome={step.outcome}>
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span className="flex items-center gap-1.5 font-medium">
                        Step {step.position + 1}
                        <ChannelIcon channel={step.channel} className="size-4 text-muted-foreground" />
                        <span className="sr-only">{CHANNEL_LABELS[step.channel]}</span>
                        <span className="font-normal text-muted-foreground">· {waitLabel(step.wait.amount, step.wait.unit)}</span>
                      </span>
                      <Badge variant={outcome.variant}>{outcome.label}</Badge>
                    </div>
                    {step.outcome !== 'not_reached' && (
                      <div className="grid gap-0.5">
                        <time dateTime={step.fireAt} className="font-medium" data-testid="preview-fire-at">
                          {formatWhen(at, safeTimeZone(data.timeZone))}
                        </time>
                        {data.timeZone !== myZone && <span className="text-xs text-muted-foreground">Your time: {formatWhen(at, myZone)}</span>}
                      </div>
                    )}
                    {step.note && <p className="text-muted-foreground">Because {step.note}.</p>}
                    {step.reasons.length > 0 && (
                      <ul className="grid gap-1" aria-label="Why it moved">
                        {step.reasons.map((reason, i) => (
                          <li key={i} className="flex gap-2 text-xs text-muted-foreground" data-testid="preview-reason" data-code={reason.code}>
                            <MoveRightIcon className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
                            <span>
                              <span className="font-medium text-foreground">{reason.code === 'quiet_hours' ? 'Quiet hours' : 'Business days'}:</span> {reason.message}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                    {(step.subject || step.body) && (
                      <div className="grid gap-1 rounded-md bg-muted/60 p-2.5" data-testid="preview-text">
                        {step.subject && <p className="font-medium break-words">{step.subject}</p>}
                        {step.body && <p className="whitespace-pre-wrap break-words">{step.body}</p>}
                      </div>
                    )}
                    {step.problems.length > 0 && (
                      <ul className="grid gap-1" data-testid="preview-problems">
                        {step.problems.map((p, i) => (
                          <li key={i} className="flex gap-2 text-xs text-destructive">
                            <AlertTriangleIcon className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
                            <span>
                              <code className="font-mono">{p.token}</code>: {p.message}
                              {p.code === 'missing_value' && ' — they would not get this step, and the enrollment would end as failed.'}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ol>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
