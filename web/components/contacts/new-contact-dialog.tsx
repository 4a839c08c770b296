'use client';

import { PlusIcon } from 'lucide-react';
import { useState } from 'react';
import { isApiError } from '../../lib/api-error';
import { FormError } from '../form-error';
import { Button } from '../ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../ui/dialog';
import { FormField } from '../ui/form-field';
import { Input } from '../ui/input';
import { toast } from '../ui/sonner';
import { contactApi } from './contact-api';

/** Adds a contact by hand; a phone or email another contact has is named, not doubled. */
export function NewContactDialog({ onCreated }: { onCreated: () => void }) {
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState({ firstName: '', lastName: '', phone: '', email: '' });
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const set = (key: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) => setFields((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaving(true);
    try {
      const body = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
      const { contact } = await contactApi.create(body as never);
      toast.success(`${contact.firstName ?? contact.phone ?? contact.email} was added.`);
      setOpen(false);
      setFields({ firstName: '', lastName: '', phone: '', email: '' });
      onCreated();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const duplicate = isApiError(error) && error.status === 409;

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden="true" />
          New contact
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={(e) => void submit(e)} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>New contact</DialogTitle>
            <DialogDescription>A phone number or an email, or both. A phone number is stored in international form.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField label="First name">
              <Input value={fields.firstName} onChange={set('firstName')} maxLength={100} />
            </FormField>
            <FormField label="Last name">
              <Input value={fields.lastName} onChange={set('lastName')} maxLength={100} />
            </FormField>
            <FormField label="Phone">
              <Input type="tel" value={fields.phone} onChange={set('phone')} placeholder="+44 7700 900123" />
            </FormField>
            <FormField label="Email">
              <Input type="email" value={fields.email} onChange={set('email')} />
            </FormField>
          </div>
          {duplicate ? (
            <p className="text-sm text-destructive" role="alert" data-testid="contact-duplicate">
              Another contact already has this {(isApiError(error) && error.extra.details?.field === 'email') ? 'email' : 'phone number'}: search for it instead of adding a second one.
            </p>
          ) : (
            <FormError error={error} />
          )}
          <DialogFooter>
            <Button type="submit" disabled={saving}>
              {saving ? 'Adding…' : 'Add contact'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
