'use client';

import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Loader2Icon, PlusIcon, RotateCcwIcon } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { FormProvider, useFieldArray, useForm, type Path } from 'react-hook-form';
import type { CreateSequence, SequenceView } from '../../../../domain/schemas/sequence';
import type { TemplateView } from '../../../../domain/schemas/template';
import { knownVariables } from '../../../../domain/templates';
import { isApiError, type ApiError } from '../../../lib/api-error';
import { useApiAction } from '../../../lib/use-api';
import { FormError } from '../../form-error';
import { Button } from '../../ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../ui/card';
import { FormField } from '../../ui/form-field';
import { Input } from '../../ui/input';
import { useContacts } from '../contact-picker';
import { newStep, sequenceFormResolver, serverFieldErrors, toFormValues, type SequenceFormValues } from './sequence-form';
import { SettingsFields } from './settings-fields';
import { StepCard } from './step-card';

/** The contact variables every text may use, plus the custom properties the tenant's contacts have. */
function useVariables(): string[] {
  const contacts = useContacts();
  return useMemo(() => {
    const custom = new Set<string>();
    for (const c of contacts.data?.contacts ?? []) for (const key of Object.keys(c.customProperties)) if (/^[\w-]+$/.test(key)) custom.add(`custom.${key}`);
    return [...knownVariables('contact').filter((v) => !v.includes('<')), ...[...custom].sort()];
  }, [contacts.data]);
}

/**
 * The editable builder: a name, the steps (drag a handle, or use its keyboard moves, or the up and down
 * buttons), and the settings; checked as you go by the shared schema and the domain's variable check, and on
 * save by the API, whose refusals show under the fields they concern.
 */
export function SequenceBuilder({
  initial,
  templates,
  onSave,
  submitLabel,
  isNew = false,
  aside,
  extraActions,
}: {
  initial: SequenceFormValues;
  templates: TemplateView[];
  /** Saves; resolves to the saved sequence (the form starts again from it) or throws an ApiError. */
  onSave: (input: CreateSequence) => Promise<SequenceView | null>;
  submitLabel: string;
  /** A new sequence can be saved as it stands; an existing one only when something changed. */
  isNew?: boolean;
  aside?: (state: { dirty: boolean }) => React.ReactNode;
  extraActions?: (state: { dirty: boolean }) => React.ReactNode;
}) {
  const form = useForm<SequenceFormValues, unknown, CreateSequence>({ resolver: sequenceFormResolver, defaultValues: initial, mode: 'onTouched' });
  const steps = useFieldArray({ control: form.control, name: 'steps' });
  const variables = useVariables();
  const save = useApiAction(onSave);
  const dirty = form.formState.isDirty;
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const position = (id: string | number) => steps.fields.findIndex((f) => f.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up step ${position(active.id)}. Use the arrow keys to move it, Space to drop it, Escape to cancel.`,
    // Over itself is where it started: said once, by onDragStart.
    onDragOver: ({ active, over }) => (over && over.id !== active.id ? `Step ${position(active.id)} is over position ${position(over.id)}.` : undefined),
    onDragEnd: ({ active, over }) => (over ? `Step ${position(active.id)} dropped at position ${position(over.id)}.` : `Step ${position(active.id)} dropped.`),
    onDragCancel: ({ active }) => `Moving step ${position(active.id)} was cancelled.`,
  };

  const move = (from: number, to: number) => {
    if (to < 0 || to >= steps.fields.length || from === to) return;
    steps.move(from, to);
    if (form.formState.isSubmitted) void form.trigger('steps');
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) move(position(active.id) - 1, position(over.id) - 1);
  };

  const submit = form.handleSubmit(async (input) => {
    const saved = await save.run(input);
    if (saved) form.reset(toFormValues(saved));
  });

  // The API's refusals, under their fields (the form error above says the rest).
  const serverError: ApiError | null = save.error && isApiError(save.error) ? save.error : null;
  useEffect(() => {
    if (!serverError) return;
    for (const { path, message } of serverFieldErrors(serverError)) form.setError(path as Path<SequenceFormValues>, { type: 'server', message });
  }, [serverError, form]);

  return (
    <FormProvider {...form}>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)]">
        <form onSubmit={submit} noValidate className="grid min-w-0 gap-6" aria-label="Sequence builder" data-testid="sequence-builder">
          <FormError error={save.error} />
          <FormField label="Name" error={form.formState.errors.name?.message}>
            <Input autoComplete="off" placeholder="New website leads" {...form.register('name')} />
          </FormField>

          <section className="grid gap-3" aria-labelledby="steps-title">
            <div className="flex flex-wrap items-end justify-between gap-2">
              <div className="grid gap-1">
                <h2 id="steps-title" className="text-lg font-semibold">
                  Steps
                </h2>
                <p className="text-sm text-muted-foreground">Each waits, then sends. Drag a step by its handle to reorder it, or use the arrows.</p>
              </div>
            </div>
            {form.formState.errors.steps?.root?.message && (
              <p role="alert" className="text-sm text-destructive">
                {form.formState.errors.steps.root.message}
              </p>
            )}
            <DndContext id="sequence-steps" sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
              <SortableContext items={steps.fields.map((f) => f.id)} strategy={verticalListSortingStrategy}>
                <ol className="grid gap-3" aria-label="Steps">
                  {steps.fields.map((field, index) => (
                    <StepCard
                      key={field.id}
                      id={field.id}
                      index={index}
                      count={steps.fields.length}
                      templates={templates}
                      variables={variables}
                      onMove={move}
                      onRemove={(i) => steps.remove(i)}
                    />
                  ))}
                </ol>
              </SortableContext>
            </DndContext>
            <Button type="button" variant="outline" className="w-fit" disabled={steps.fields.length >= 50} onClick={() => steps.append(newStep(form.getValues(`steps.${steps.fields.length - 1}`)))}>
              <PlusIcon aria-hidden="true" />
              Add a step
            </Button>
          </section>

          <Card className="gap-4">
            <CardHeader>
              <CardTitle>Settings</CardTitle>
              <CardDescription>How every enrollment of this sequence behaves.</CardDescription>
            </CardHeader>
            <CardContent>
              <SettingsFields />
            </CardContent>
          </Card>

          <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-2 border-t bg-background/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
            <Button type="submit" disabled={save.pending || (!dirty && !isNew)}>
              {save.pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              {submitLabel}
            </Button>
            {dirty && (
              <Button type="button" variant="ghost" onClick={() => (form.reset(), save.reset())}>
                <RotateCcwIcon aria-hidden="true" />
                Discard changes
              </Button>
            )}
            {extraActions?.({ dirty })}
            <span className="ml-auto text-xs text-muted-foreground" aria-live="polite">
              {dirty ? 'Unsaved changes' : ''}
            </span>
          </div>
        </form>
        {aside && <aside className="grid min-w-0 gap-6 lg:sticky lg:top-6" aria-label="Preview and versions">{aside({ dirty })}</aside>}
      </div>
    </FormProvider>
  );
}
