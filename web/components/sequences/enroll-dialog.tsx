'use client';

import { AlertTriangleIcon, Loader2Icon, SearchIcon, UserPlusIcon } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import type { ContactView } from '../../../domain/schemas/contact';
import type { BulkEnroll, BulkEnrollmentViewSchema, SequenceView } from '../../../domain/schemas/sequence';
import { useApiAction } from '../../lib/use-api';
import { FormError } from '../form-error';
import { Button } from '../ui/button';
import { Checkbox } from '../ui/checkbox';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../ui/dialog';
import { FormField } from '../ui/form-field';
import { Input } from '../ui/input';
import { Label } from '../ui/label';
import { ScrollArea } from '../ui/scroll-area';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '../ui/select';
import { Skeleton } from '../ui/skeleton';
import { toast } from '../ui/sonner';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../ui/tabs';
import { BulkProgress } from './bulk-progress';
import { ContactPicker, useContacts } from './contact-picker';
import { sequenceApi } from './sequence-api';
import { useSequence } from './sequence-context';
import { contactLabel } from './sequence-words';

type BulkEnrollment = z.infer<typeof BulkEnrollmentViewSchema>;
type Mode = 'one' | 'selection' | 'filter';
type Presence = 'any' | 'yes' | 'no';

interface FilterInput {
  source: string;
  hasPhone: Presence;
  hasEmail: Presence;
  createdAfter: string;
  propertyName: string;
  propertyValue: string;
}

const EMPTY_FILTER: FilterInput = { source: '', hasPhone: 'any', hasEmail: 'any', createdAfter: '', propertyName: '', propertyValue: '' };

/** The filter as bulkEnroll takes it: only the conditions given (none: every contact). */
function toFilter(input: FilterInput): Extract<BulkEnroll, { filter: unknown }>['filter'] {
  const presence = (p: Presence) => (p === 'any' ? undefined : p === 'yes');
  const hasPhone = presence(input.hasPhone);
  const hasEmail = presence(input.hasEmail);
  return {
    ...(input.source.trim() ? { source: input.source.trim() } : {}),
    ...(hasPhone !== undefined ? { hasPhone } : {}),
    ...(hasEmail !== undefined ? { hasEmail } : {}),
    ...(input.createdAfter ? { createdAfter: new Date(`${input.createdAfter}T00:00:00`).toISOString() } : {}),
    ...(input.propertyName.trim() ? { properties: { [input.propertyName.trim()]: input.propertyValue } } : {}),
  };
}

function PresenceSelect({ value, onChange, ...aria }: { value: Presence; onChange: (p: Presence) => void; id?: string; 'aria-describedby'?: string }) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as Presence)}>
      <SelectTrigger className="w-full" {...aria}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value="any">Either</SelectItem>
        <SelectItem value="yes">Has one</SelectItem>
        <SelectItem value="no">Has none</SelectItem>
      </SelectContent>
    </Select>
  );
}

function SelectionList({ selected, onChange }: { selected: Set<string>; onChange: (next: Set<string>) => void }) {
  const contacts = useContacts();
  const [search, setSearch] = useState('');
  const list = contacts.data?.contacts ?? [];
  const q = search.trim().toLowerCase();
  const shown = q ? list.filter((c) => `${contactLabel(c)} ${c.phone ?? ''} ${c.email ?? ''}`.toLowerCase().includes(q)) : list;
  const allShown = shown.length > 0 && shown.every((c) => selected.has(c.id));
  const toggle = (contact: ContactView, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(contact.id);
    else next.delete(contact.id);
    onChange(next);
  };
  if (contacts.error && !contacts.data) return <FormError error={contacts.error} />;
  if (!contacts.data) return <Skeleton className="h-48 w-full" />;
  return (
    <div className="grid gap-2">
      <div className="relative">
        <SearchIcon className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden="true" />
        <Input type="search" placeholder="Filter by name, phone or email" aria-label="Filter contacts" className="pl-8" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="flex items-center justify-between gap-2 text-sm">
        <label className="flex items-center gap-2">
          <Checkbox
            checked={allShown}
            onCheckedChange={(on) => onChange(new Set(on === true ? [...selected, ...shown.map((c) => c.id)] : [...selected].filter((id) => !shown.some((c) => c.id === id))))}
            aria-label="Select every contact shown"
          />
          All shown
        </label>
        <span className="text-muted-foreground" aria-live="polite">
          {selected.size} selected
        </span>
      </div>
      <ScrollArea className="h-56 rounded-md border" viewportLabel="Contacts to enroll">
        {shown.length === 0 ? (
          <p className="p-4 text-center text-sm text-muted-foreground">{list.length === 0 ? 'No contacts yet.' : 'No contact matches.'}</p>
        ) : (
          <ul className="grid p-1">
            {shown.map((c) => (
              <li key={c.id}>
                <label className="flex cursor-pointer items-center gap-3 rounded-sm px-2 py-1.5 text-sm hover:bg-accent" data-testid="selectable-contact">
                  <Checkbox checked={selected.has(c.id)} onCheckedChange={(on) => toggle(c, on === true)} />
                  <span className="grid min-w-0">
                    <span className="truncate">{contactLabel(c)}</span>
                    <span className="truncate text-xs text-muted-foreground">{[c.phone, c.email].filter(Boolean).join(' · ')}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </ScrollArea>
    </div>
  );
}

/**
 * Enroll contacts in the published version: one (picked), a selection, or everyone matching a filter. The
 * last two are a bulk enrollment the API paces with a workflow; the dialog follows its progress live.
 */
export function EnrollDialog({ sequence }: { sequence: SequenceView }) {
  const { enrollmentsChanged } = useSequence();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>('one');
  const [contact, setContact] = useState<ContactView | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState<FilterInput>(EMPTY_FILTER);
  const [bulk, setBulk] = useState<BulkEnrollment | null>(null);
  const enrollOne = useApiAction((contactId: string) => sequenceApi.enroll(sequence.id, contactId));
  const enrollMany = useApiAction((body: BulkEnroll) => sequenceApi.bulkEnroll(sequence.id, body));
  const pending = enrollOne.pending || enrollMany.pending;
  const error = enrollOne.error ?? enrollMany.error;
  const published = sequence.published;
  const conditions = useMemo(() => Object.keys(toFilter(filter)).length, [filter]);

  const change = (next: boolean) => {
    if (!next && bulk?.status === 'running') toast.info('Enrolling carries on in the background; the table fills as it goes.');
    setOpen(next);
    if (!next) {
      setContact(null);
      setSelected(new Set());
      setFilter(EMPTY_FILTER);
      setBulk(null);
      enrollOne.reset();
      enrollMany.reset();
    }
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (mode === 'one') {
      if (!contact) return;
      const done = await enrollOne.run(contact.id);
      if (!done) return;
      toast.success(`${contactLabel(contact)} is enrolled.`);
      enrollmentsChanged();
      change(false);
      return;
    }
    const body: BulkEnroll = mode === 'selection' ? { contactIds: [...selected] } : { filter: toFilter(filter) };
    const accepted = await enrollMany.run(body);
    if (accepted) setBulk(accepted.bulkEnrollment);
  };

  const canSubmit = mode === 'one' ? contact !== null : mode === 'selection' ? selected.size > 0 : true;

  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>
        <Button disabled={!published} title={published ? undefined : 'Publish the sequence before enrolling contacts'}>
          <UserPlusIcon aria-hidden="true" />
          Enroll contacts
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <form onSubmit={(e) => void submit(e)} noValidate className="grid min-w-0 gap-4" aria-label="Enroll contacts">
          <DialogHeader>
            <DialogTitle>Enroll in “{sequence.name}”</DialogTitle>
            <DialogDescription>They start on version {published?.version} now; the first step waits as the builder says.</DialogDescription>
          </DialogHeader>
          <FormError error={error} />
          {bulk ? (
            <BulkProgress
              initial={bulk}
              onFinished={(done) => {
                setBulk(done);
                enrollmentsChanged();
                if (done.status === 'completed') toast.success(`${done.enrolled} enrolled${done.skipped ? `, ${done.skipped} skipped` : ''}.`);
              }}
            />
          ) : (
            <Tabs value={mode} onValueChange={(v) => setMode(v as Mode)} className="min-w-0 gap-4">
              <TabsList className="w-full">
                <TabsTrigger value="one">One contact</TabsTrigger>
                <TabsTrigger value="selection">A selection</TabsTrigger>
                <TabsTrigger value="filter">By filter</TabsTrigger>
              </TabsList>
              <TabsContent value="one" className="grid gap-2">
                <Label htmlFor="enroll-contact">Contact</Label>
                <ContactPicker id="enroll-contact" label="Contact to enroll" value={contact} onChange={setContact} />
              </TabsContent>
              <TabsContent value="selection">
                <SelectionList selected={selected} onChange={setSelected} />
              </TabsContent>
              <TabsContent value="filter" className="grid gap-3">
                <p className="text-sm text-muted-foreground">Every contact matching all of these is enrolled; contacts already enrolled are skipped.</p>
                <div className="grid gap-3 sm:grid-cols-2">
                  <FormField label="Source">
                    <Input autoComplete="off" placeholder="website" value={filter.source} onChange={(e) => setFilter({ ...filter, source: e.target.value })} />
                  </FormField>
                  <FormField label="Created on or after">
                    <Input type="date" value={filter.createdAfter} onChange={(e) => setFilter({ ...filter, createdAfter: e.target.value })} />
                  </FormField>
                  <FormField label="Phone number">
                    <PresenceSelect value={filter.hasPhone} onChange={(hasPhone) => setFilter({ ...filter, hasPhone })} />
                  </FormField>
                  <FormField label="Email address">
                    <PresenceSelect value={filter.hasEmail} onChange={(hasEmail) => setFilter({ ...filter, hasEmail })} />
                  </FormField>
                  <FormField label="Custom property">
                    <Input autoComplete="off" placeholder="plan" value={filter.propertyName} onChange={(e) => setFilter({ ...filter, propertyName: e.target.value })} />
                  </FormField>
                  <FormField label="Equals">
                    <Input autoComplete="off" placeholder="gold" value={filter.propertyValue} disabled={!filter.propertyName.trim()} onChange={(e) => setFilter({ ...filter, propertyValue: e.target.value })} />
                  </FormField>
                </div>
                {conditions === 0 && (
                  <p className="flex items-center gap-2 text-sm font-medium">
                    <AlertTriangleIcon className="size-4 shrink-0 text-warning" aria-hidden="true" />
                    With no conditions, every contact is enrolled.
                  </p>
                )}
              </TabsContent>
            </Tabs>
          )}
          <DialogFooter>
            {bulk ? (
              <Button key="close" type="button" onClick={() => change(false)}>
                {bulk.status === 'running' ? 'Close' : 'Done'}
              </Button>
            ) : (
              <>
                <Button type="button" variant="outline" onClick={() => change(false)}>
                  Cancel
                </Button>
                <Button type="submit" disabled={pending || !canSubmit}>
                  {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
                  {mode === 'one' ? 'Enroll' : mode === 'selection' ? `Enroll ${selected.size}` : 'Enroll matching contacts'}
                </Button>
              </>
            )}
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
