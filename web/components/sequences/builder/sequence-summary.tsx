'use client';

import { LockIcon } from 'lucide-react';
import type { SequenceView } from '../../../../domain/schemas/sequence';
import type { TemplateView } from '../../../../domain/schemas/template';
import { CHANNEL_LABELS, ChannelIcon } from '../../inbox/channel-icon';
import { Alert, AlertDescription } from '../../ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../ui/card';
import { waitLabel } from '../sequence-words';
import { MISSING_CHANNEL_LABELS, REENROLL_LABELS, SEND_WINDOW_LABELS } from './settings-fields';

/**
 * The sequence as it runs, for those who may not change it (agents and viewers): the published version (else
 * the draft), its steps and settings, as text — no controls that the API would refuse.
 */
export function SequenceSummary({ sequence, templates }: { sequence: SequenceView; templates: TemplateView[] }) {
  const version = sequence.published ?? sequence.draft;
  if (!version) return null;
  const { settings } = version;
  const window = settings.sendWindow;
  return (
    <div className="grid min-w-0 gap-6" data-testid="sequence-summary">
      <Alert data-testid="read-only-notice">
        <LockIcon aria-hidden="true" />
        <AlertDescription>Only admins change sequences. You can preview them, and enroll contacts if your role allows it.</AlertDescription>
      </Alert>
      <section className="grid gap-3" aria-labelledby="summary-steps-title">
        <h2 id="summary-steps-title" className="text-lg font-semibold">
          Steps of version {version.version} {version.publishedAt ? '(published)' : '(draft)'}
        </h2>
        <ol className="grid gap-3">
          {version.steps.map((step) => {
            const template = step.templateId ? templates.find((t) => t.id === step.templateId) : undefined;
            const body = step.body ?? template?.body ?? null;
            const subject = step.subject ?? template?.subject ?? null;
            return (
              <li key={step.position} className="grid gap-2 rounded-lg border bg-card p-4 text-sm" data-testid="step-summary">
                <p className="flex flex-wrap items-center gap-1.5 font-medium">
                  Step {step.position + 1}
                  <ChannelIcon channel={step.channel} className="size-4 text-muted-foreground" />
                  <span>{CHANNEL_LABELS[step.channel]}</span>
                  <span className="font-normal text-muted-foreground">· {waitLabel(step.waitAmount, step.waitUnit)}</span>
                  {step.templateId && <span className="font-normal text-muted-foreground">· template {template?.name ?? step.templateId}</span>}
                </p>
                {subject && <p className="font-medium break-words">{subject}</p>}
                {body && <p className="whitespace-pre-wrap break-words text-muted-foreground">{body}</p>}
              </li>
            );
          })}
        </ol>
      </section>
      <Card className="gap-4">
        <CardHeader>
          <CardTitle>Settings</CardTitle>
          <CardDescription>How every enrollment of this version behaves.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-3 text-sm sm:grid-cols-[auto_minmax(0,1fr)] sm:gap-x-6">
            <dt className="text-muted-foreground">When the contact replies</dt>
            <dd>{settings.stopOnReply ? 'The enrollment stops' : 'It carries on'}</dd>
            <dt className="text-muted-foreground">Sends</dt>
            <dd>{typeof window === 'string' ? SEND_WINDOW_LABELS[window] : `Outside ${window.quietStart}–${window.quietEnd}`}, in the contact’s time zone</dd>
            <dt className="text-muted-foreground">No phone or email for a step</dt>
            <dd>{MISSING_CHANNEL_LABELS[settings.missingChannel]}</dd>
            <dt className="text-muted-foreground">A contact can be enrolled</dt>
            <dd>{REENROLL_LABELS[settings.reenroll]}</dd>
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}
