'use client';

import { CheckIcon, ChevronsUpDownIcon, Loader2Icon } from 'lucide-react';
import { useState } from 'react';
import type { ContactView } from '../../../domain/schemas/contact';
import { errorMessage } from '../../lib/api-error';
import { useApiQuery } from '../../lib/use-api';
import { cn } from '../../lib/utils';
import { Button } from '../ui/button';
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from '../ui/command';
import { Popover, PopoverContent, PopoverTrigger } from '../ui/popover';
import { sequenceApi } from './sequence-api';
import { contactLabel } from './sequence-words';

/** The tenant's newest contacts, loaded once per screen for every picker on it. */
export function useContacts(enabled = true) {
  return useApiQuery(enabled ? 'sequence-contacts' : null, (signal) => sequenceApi.contacts(signal));
}

function secondary(contact: ContactView): string {
  return [contact.phone, contact.email].filter(Boolean).join(' · ');
}

/**
 * Choose one contact: a button that opens a searchable list (name, phone, email). The list is the newest
 * contacts the API returns in one page, filtered as you type.
 */
export function ContactPicker({
  value,
  onChange,
  label,
  id,
  placeholder = 'Choose a contact',
  className,
}: {
  value: ContactView | null;
  onChange: (contact: ContactView) => void;
  label: string;
  id?: string;
  placeholder?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const contacts = useContacts(open || value !== null);
  const list = contacts.data?.contacts ?? [];
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          id={id}
          variant="outline"
          role="combobox"
          aria-expanded={open}
          aria-label={value ? `${label}: ${contactLabel(value)}` : label}
          className={cn('w-full justify-between font-normal', className)}
          data-testid="contact-picker"
        >
          <span className={cn('truncate', !value && 'text-muted-foreground')}>{value ? contactLabel(value) : placeholder}</span>
          <ChevronsUpDownIcon className="opacity-50" aria-hidden="true" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-(--radix-popover-trigger-width) min-w-72 p-0" align="start" aria-label={label}>
        <Command>
          <CommandInput placeholder="Search by name, phone or email" aria-label="Search contacts" />
          <CommandList>
            {contacts.loading ? (
              <div className="flex items-center justify-center gap-2 py-6 text-sm text-muted-foreground" role="status">
                <Loader2Icon className="size-4 animate-spin" aria-hidden="true" />
                Loading contacts
              </div>
            ) : contacts.error ? (
              <p className="px-3 py-6 text-center text-sm text-destructive">{errorMessage(contacts.error)}</p>
            ) : (
              <>
                <CommandEmpty>{list.length === 0 ? 'No contacts yet.' : 'No contact matches.'}</CommandEmpty>
                <CommandGroup>
                  {list.map((contact) => (
                    <CommandItem
                      key={contact.id}
                      value={`${contactLabel(contact)} ${secondary(contact)} ${contact.id}`}
                      onSelect={() => {
                        onChange(contact);
                        setOpen(false);
                      }}
                      data-testid="contact-option"
                    >
                      <CheckIcon className={cn(value?.id === contact.id ? 'opacity-100' : 'opacity-0')} aria-hidden="true" />
                      <div className="grid min-w-0">
                        <span className="truncate">{contactLabel(contact)}</span>
                        {secondary(contact) && <span className="truncate text-xs text-muted-foreground">{secondary(contact)}</span>}
                      </div>
                    </CommandItem>
                  ))}
                </CommandGroup>
              </>
            )}
          </CommandList>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
