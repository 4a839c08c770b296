'use client';

import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ArrowDownIcon, ArrowUpIcon, BracesIcon, GripVerticalIcon, Trash2Icon } from 'lucide-react';
import { useRef } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { CHANNELS, type Channel } from '../../../../domain/channels';
import type { TemplateView } from '../../../../domain/schemas/template';
import { cn } from '../../../lib/utils';
import { CHANNEL_LABELS, ChannelIcon } from '../../inbox/channel-icon';
import { Button } from '../../ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from '../../ui/dropdown-menu';
import { FormField } from '../../ui/form-field';
import { Input } from '../../ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '../../ui/select';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../ui/tabs';
import { Textarea } from '../../ui/textarea';
import { WAIT_UNIT_LABELS } from '../sequence-words';
import type { SequenceFormValues } from './sequence-form';

type SelectFieldProps = { id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string | undefined; 'aria-label'?: string };

/** A Radix select that takes the id and descriptions FormField gives its control. */
function ChoiceSelect<V extends string>({
  value,
  onChange,
  options,
  placeholder,
  disabled,
  className,
  testId,
  ...aria
}: SelectFieldProps & { value: V | ''; onChange: (value: V) => void; options: Array<{ value: V; label: React.ReactNode }>; placeholder?: string; disabled?: boolean; className?: string; testId?: string }) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as V)} {...(disabled ? { disabled } : {})}>
      <SelectTrigger className={cn('w-full', className)} data-testid={testId} {...aria}>
        <SelectValue placeholder={placeholder} />
      </SelectTrigger>
      <SelectContent>
        {options.map((o) => (
          <SelectItem key={o.value} value={o.value}>
            {o.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

/**
 * One step of the builder: the handle to drag it (or move it with the keyboard: the handle takes Space and the
 * arrow keys, and the up and down buttons move it one place), its channel and wait, and what it says — a saved
 * template of its channel, or text with {{variables}}.
 */
export function StepCard({
  id,
  index,
  count,
  templates,
  variables,
  onMove,
  onRemove,
}: {
  id: string;
  index: number;
  count: number;
  templates: TemplateView[];
  variables: string[];
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
}) {
  const { control, register, setValue, getValues, formState } = useFormContext<SequenceFormValues>();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const channel = useWatch({ control, name: `steps.${index}.channel` });
  const templateId = useWatch({ control, name: `steps.${index}.templateId` });
  const errors = formState.errors.steps?.[index];
  const fitting = templates.filter((t) => t.channel === channel);
  const chosen = templates.find((t) => t.id === templateId);
  const source = useWatch({ control, name: `steps.${index}.source` });
  // Approved WhatsApp templates (a Content SID): what may go once the contact's 24-hour window has closed.
  const approvedTemplates = templates.filter((t) => t.channel === 'whatsapp' && t.contentSid);
  const ownTemplateApproved = source === 'template' && Boolean(chosen?.contentSid);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const { ref: bodyFieldRef, ...bodyField } = register(`steps.${index}.body`);
  const number = index + 1;

  const changeChannel = (next: Channel) => {
    setValue(`steps.${index}.channel`, next, { shouldDirty: true, shouldValidate: formState.isSubmitted });
    // A template is for one channel: a step that moves to another lets it go.
    if (chosen && chosen.channel !== next) setValue(`steps.${index}.templateId`, '', { shouldDirty: true });
  };

  const insertVariable = (variable: string) => {
    const token = `{{${variable}}}`;
    const el = bodyRef.current;
    const current = getValues(`steps.${index}.body`);
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    setValue(`steps.${index}.body`, `${current.slice(0, start)}${token}${current.slice(end)}`, { shouldDirty: true, shouldValidate: true });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={cn('grid gap-4 rounded-lg border bg-card p-4 shadow-xs', isDragging && 'relative z-10 shadow-lg ring-2 ring-ring/50')}
      data-testid="step-card"
      aria-label={`Step ${number}`}
    >
      <div className="flex items-center gap-2">
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="-ml-1 flex size-8 cursor-grab touch-none items-center justify-center rounded-md text-muted-foreground outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 active:cursor-grabbing"
          aria-label={`Reorder step ${number}`}
          {...attributes}
          {...listeners}
        >
          <GripVerticalIcon className="size-4" aria-hidden="true" />
        </button>
        <h3 className="flex items-center gap-2 font-medium">
          Step {number}
          <ChannelIcon channel={channel} className="size-4 text-muted-foreground" />
        </h3>
        <div className="ml-auto flex items-center gap-0.5">
          <Button type="button" variant="ghost" size="icon" className="size-8" aria-label={`Move step ${number} up`} disabled={index === 0} onClick={() => onMove(index, index - 1)}>
            <ArrowUpIcon aria-hidden="true" />
          </Button>
          <Button type="button" variant="ghost" size="icon" className="size-8" aria-label={`Move step ${number} down`} disabled={index === count - 1} onClick={() => onMove(index, index + 1)}>
            <ArrowDownIcon aria-hidden="true" />
          </Button>
          <Button
            type="button"
            variant="ghost"
            size="icon"
            className="size-8 text-destructive hover:text-destructive"
            aria-label={`Remove step ${number}`}
            disabled={count === 1}
            title={count === 1 ? 'A sequence needs at least one step' : undefined}
            onClick={() => onRemove(index)}
          >
            <Trash2Icon aria-hidden="true" />
          </Button>
        </div>
      </div>

      <div className="grid gap-4 sm:grid-cols-[10rem_minmax(0,1fr)]">
        <FormField label="Channel">
          <ChoiceSelect<Channel>
            value={channel}
            onChange={changeChannel}
            testId="step-channel"
            options={CHANNELS.map((c) => ({
              value: c,
              label: (
                <span className="flex items-center gap-2">
                  <ChannelIcon channel={c} />
                  {CHANNEL_LABELS[c]}
                </span>
              ),
            }))}
          />
        </FormField>
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm leading-none font-medium">{index === 0 ? 'Wait after enrolling' : 'Wait after the previous step'}</legend>
          <div className="grid grid-cols-[6rem_minmax(0,1fr)] gap-2">
            <Input
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              aria-label={`Wait before step ${number}`}
              aria-invalid={errors?.waitAmount ? true : undefined}
              aria-describedby={errors?.waitAmount ? `${id}-wait-error` : undefined}
              {...register(`steps.${index}.waitAmount`, { valueAsNumber: true })}
            />
            <Controller
              control={control}
              name={`steps.${index}.waitUnit`}
              render={({ field }) => (
                <ChoiceSelect
                  value={field.value}
                  onChange={field.onChange}
                  aria-label={`Unit of the wait before step ${number}`}
                  options={(Object.keys(WAIT_UNIT_LABELS) as Array<keyof typeof WAIT_UNIT_LABELS>).map((u) => ({ value: u, label: WAIT_UNIT_LABELS[u] }))}
                />
              )}
            />
          </div>
          {errors?.waitAmount?.message && (
            <p id={`${id}-wait-error`} role="alert" className="text-sm text-destructive">
              {errors.waitAmount.message}
            </p>
          )}
        </fieldset>
      </div>

      <Controller
        control={control}
        name={`steps.${index}.source`}
        render={({ field }) => (
          <Tabs value={field.value} onValueChange={field.onChange} className="gap-4">
            <TabsList aria-label={`What step ${number} says`}>
              <TabsTrigger value="text">Write text</TabsTrigger>
              <TabsTrigger value="template">Use a template</TabsTrigger>
            </TabsList>
            <TabsContent value="text" className="grid gap-4">
              {channel === 'email' && (
                <FormField label="Subject" error={errors?.subject?.message}>
                  <Input autoComplete="off" placeholder="Your quote, {{first_name}}" {...register(`steps.${index}.subject`)} />
                </FormField>
              )}
              <FormField
                label="Text"
                error={errors?.body?.message}
                hint={<>Plain text. A variable with a fallback: {'{{first_name|there}}'}. A contact who lacks a value without a fallback is not sent the step.</>}
              >
                <Textarea
                  rows={4}
                  placeholder="Hi {{first_name|there}}, thanks for getting in touch with {{business_name}}!"
                  ref={(el) => {
                    bodyFieldRef(el);
                    bodyRef.current = el;
                  }}
                  data-testid="step-body"
                  {...bodyField}
                />
              </FormField>
              <DropdownMenu>
                <DropdownMenuTrigger asChild>
                  <Button type="button" variant="outline" size="sm" className="w-fit">
                    <BracesIcon aria-hidden="true" />
                    Insert a variable
                  </Button>
                </DropdownMenuTrigger>
                <DropdownMenuContent align="start" className="max-h-72">
                  <DropdownMenuLabel className="text-xs text-muted-foreground">Available variables</DropdownMenuLabel>
                  {variables.map((v) => (
                    <DropdownMenuItem key={v} onSelect={() => insertVariable(v)} className="font-mono text-xs">
                      {`{{${v}}}`}
                    </DropdownMenuItem>
                  ))}
                </DropdownMenuContent>
              </DropdownMenu>
            </TabsContent>
            <TabsContent value="template" className="grid gap-2">
              <Controller
                control={control}
                name={`steps.${index}.templateId`}
                render={({ field: template }) => (
                  <FormField
                    label="Template"
                    error={errors?.templateId?.message ?? errors?.body?.message}
                    hint={fitting.length === 0 ? `No ${CHANNEL_LABELS[channel]} templates yet: write the text instead, or save a template first.` : undefined}
                  >
                    <ChoiceSelect
                      value={template.value}
                      onChange={template.onChange}
                      placeholder={`Choose a ${CHANNEL_LABELS[channel]} template`}
                      disabled={fitting.length === 0}
                      testId="step-template"
                      options={fitting.map((t) => ({ value: t.id, label: t.name }))}
                    />
                  </FormField>
                )}
              />
              {chosen && (
                <div className="grid gap-1 rounded-md bg-muted/60 p-3 text-sm" data-testid="step-template-text">
                  {chosen.subject && <p className="font-medium break-words">{chosen.subject}</p>}
                  <p className="whitespace-pre-wrap break-words text-muted-foreground">{chosen.body}</p>
                </div>
              )}
            </TabsContent>
          </Tabs>
        )}
      />
      {channel === 'whatsapp' &&
        (ownTemplateApproved ? (
          <p className="text-sm text-muted-foreground" data-testid="step-approved-own">
            WhatsApp approved this template: it goes even when the contact has not written in 24 hours.
          </p>
        ) : (
          <Controller
            control={control}
            name={`steps.${index}.approvedTemplateId`}
            render={({ field }) => (
              <FormField
                label="When the contact has not written in 24 hours"
                error={errors?.approvedTemplateId?.message}
                hint={
                  approvedTemplates.length === 0
                    ? 'WhatsApp allows only approved templates then. Save a WhatsApp template with its Content SID (HX…) to choose one; without one the step is not sent.'
                    : 'WhatsApp allows only approved templates then: this one goes instead of the text, filled in for the contact.'
                }
              >
                <ChoiceSelect
                  value={field.value === '' ? 'none' : field.value}
                  onChange={(value) => field.onChange(value === 'none' ? '' : value)}
                  disabled={approvedTemplates.length === 0}
                  testId="step-approved-template"
                  options={[{ value: 'none', label: 'Nothing: the step is not sent' }, ...approvedTemplates.map((t) => ({ value: t.id, label: t.name }))]}
                />
              </FormField>
            )}
          />
        ))}
    </li>
  );
}
