'use client';

import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { FormField } from '../../ui/form-field';
import { Input } from '../../ui/input';
import { Label } from '../../ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '../../ui/select';
import { Switch } from '../../ui/switch';
import type { SequenceFormValues } from './sequence-form';

export const SEND_WINDOW_LABELS = { tenant: 'Outside your quiet hours', always: 'Any time', custom: 'Outside quiet hours of its own' } as const;
export const MISSING_CHANNEL_LABELS = { skip: 'Skip the step', stop: 'End the enrollment' } as const;
export const REENROLL_LABELS = { 'after-end': 'Again, once the last enrollment ended', never: 'Only once, ever' } as const;

function LabelledSelect<V extends string>({ label, hint, value, onChange, labels }: { label: string; hint?: string; value: V; onChange: (v: V) => void; labels: Record<V, string> }) {
  return (
    <FormField label={label} hint={hint}>
      <SelectControl value={value} onChange={onChange} labels={labels} />
    </FormField>
  );
}

function SelectControl<V extends string>({ value, onChange, labels, ...aria }: { value: V; onChange: (v: V) => void; labels: Record<V, string>; id?: string; 'aria-describedby'?: string }) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as V)}>
      <SelectTrigger className="w-full" {...aria}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {(Object.keys(labels) as V[]).map((v) => (
          <SelectItem key={v} value={v}>
            {labels[v]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

/** The sequence's settings, as its schema has them: stop on reply, when it may send, a missing channel, re-enrollment. */
export function SettingsFields() {
  const { control, register, formState } = useFormContext<SequenceFormValues>();
  const mode = useWatch({ control, name: 'settings.sendWindowMode' });
  const windowErrors = formState.errors.settings?.sendWindow;
  return (
    <div className="grid gap-5">
      <Controller
        control={control}
        name="settings.stopOnReply"
        render={({ field }) => (
          <div className="flex items-start justify-between gap-4">
            <div className="grid gap-1">
              <Label htmlFor="stop-on-reply">Stop when the contact replies</Label>
              <p id="stop-on-reply-hint" className="text-xs text-muted-foreground">
                Any message from them, on any channel, ends the enrollment at once. An opt-out always does.
              </p>
            </div>
            <Switch id="stop-on-reply" aria-describedby="stop-on-reply-hint" checked={field.value} onCheckedChange={field.onChange} />
          </div>
        )}
      />
      <Controller
        control={control}
        name="settings.sendWindowMode"
        render={({ field }) => (
          <LabelledSelect label="Send" hint="In the contact’s time zone (else yours). A step due in quiet hours waits for them to end." value={field.value} onChange={field.onChange} labels={SEND_WINDOW_LABELS} />
        )}
      />
      {mode === 'custom' && (
        <div className="grid grid-cols-2 gap-3">
          <FormField label="Quiet from" error={windowErrors?.quietStart?.message}>
            <Input type="time" {...register('settings.sendWindow.quietStart')} />
          </FormField>
          <FormField label="Quiet until" error={windowErrors?.quietEnd?.message}>
            <Input type="time" {...register('settings.sendWindow.quietEnd')} />
          </FormField>
        </div>
      )}
      <Controller
        control={control}
        name="settings.missingChannel"
        render={({ field }) => (
          <LabelledSelect label="When a contact has no phone or email for a step" value={field.value} onChange={field.onChange} labels={MISSING_CHANNEL_LABELS} />
        )}
      />
      <Controller
        control={control}
        name="settings.reenroll"
        render={({ field }) => <LabelledSelect label="A contact can be enrolled" value={field.value} onChange={field.onChange} labels={REENROLL_LABELS} />}
      />
    </div>
  );
}
