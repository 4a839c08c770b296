'use client';

import { FileTextIcon, PlusIcon, Trash2Icon } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ContactView } from '../../../domain/schemas/contact';
import { ApiError } from '../../lib/api-error';
import { roleAtLeast } from '../../lib/roles';
import { EmptyState } from '../error-state';
import { FormError } from '../form-error';
import { PageHeader } from '../page-header';
import { ContactPicker } from '../sequences/contact-picker';
import { useMe } from '../shell/me-context';
import { Button } from '../ui/button';
import { Card, CardContent } from '../ui/card';
import { FormField } from '../ui/form-field';
import { Input } from '../ui/input';
import { Label } from '../ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '../ui/select';
import { toast } from '../ui/sonner';
import { quoteApi } from './quote-api';

interface Line {
  key: number;
  description: string;
  quantity: string;
  unitPrice: string;
}

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD'];
const toCents = (text: string) => Math.round(Number(text) * 100);
const validNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text)) && Number(text) >= 0;

/**
 * A new quote for a contact: its lines (or just a total), currency, title, channel and expiry. The total of the
 * lines is worked out as you type, in cents as the API checks it; the API's refusals show beside the form.
 */
export function NewQuoteForm() {
  const { data: me } = useMe();
  const router = useRouter();
  const [contact, setContact] = useState<ContactView | null>(null);
  const [title, setTitle] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [channel, setChannel] = useState<'sms' | 'whatsapp'>('sms');
  const [expires, setExpires] = useState('');
  const [lines, setLines] = useState<Line[]>([{ key: 1, description: '', quantity: '1', unitPrice: '' }]);
  const [total, setTotal] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  if (!roleAtLeast(me.role, 'agent')) {
    return (
      <div className="mx-auto grid w-full max-w-3xl gap-6 p-4 sm:p-6">
        <EmptyState icon={FileTextIcon} title="Only agents and admins send quotes">
          You are signed in as a viewer of {me.tenant.businessName}.
        </EmptyState>
      </div>
    );
  }

  const usedLines = lines.filter((l) => l.description.trim() !== '' || l.unitPrice.trim() !== '');
  const linesCents = usedLines.reduce((n, l) => n + (validNumber(l.quantity) && validNumber(l.unitPrice) ? Math.round(Number(l.quantity) * toCents(l.unitPrice)) : 0), 0);
  const money = (cents: number) => new Intl.NumberFormat('en', { style: 'currency', currency }).format(cents / 100);
  const setLine = (key: number, change: Partial<Line>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...change } : l)));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!contact) return setError(new ApiError('Choose the contact the quote is for.', 'VALIDATION', null));
    const bad = usedLines.find((l) => !l.description.trim() || !validNumber(l.quantity) || Number(l.quantity) === 0 || !validNumber(l.unitPrice));
    if (bad) return setError(new ApiError('Each line needs a description, a quantity above 0 and a price.', 'VALIDATION', null));
    if (usedLines.length === 0 && !validNumber(total)) return setError(new ApiError('Give the quote a total, or add its lines.', 'VALIDATION', null));
    setSaving(true);
    try {
      const answer = await quoteApi.create({
        contactId: contact.id,
        channel,
        currency,
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
        ...(usedLines.length
          ? { total: linesCents / 100, lineItems: usedLines.map((l) => ({ description: l.description.trim(), quantity: Number(l.quantity), unitPrice: Number(l.unitPrice) })) }
          : { total: Number(total) }),
      });
      if (answer.warning) toast.warning(answer.warning);
      else toast.success(`Quote sent to ${contact.firstName ?? 'the contact'}.`);
      router.push(`/quotes/${encodeURIComponent(answer.quote.id)}`);
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };

  return (
    <div className="mx-auto grid w-full max-w-3xl gap-6 p-4 sm:p-6">
      <PageHeader title="New quote" description="The lead gets a link to it by text or WhatsApp, and can accept or decline on their phone." />
      <form onSubmit={(e) => void submit(e)} className="grid gap-6" noValidate>
        <Card>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <div className="grid gap-2 sm:col-span-2">
              <Label htmlFor="quote-contact">Contact</Label>
              <ContactPicker id="quote-contact" label="Contact" value={contact} onChange={setContact} />
            </div>
            <FormField label="Title" hint="What it is for, shown on the quote page">
              <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} placeholder="Bathroom refit" />
            </FormField>
            <FormField label="Valid until" hint="Optional: after this day it expires">
              <Input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} min={new Date().toISOString().slice(0, 10)} />
            </FormField>
            <div className="grid gap-2">
              <Label htmlFor="quote-currency">Currency</Label>
              <Select value={currency} onValueChange={setCurrency}>
                <SelectTrigger id="quote-currency" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {CURRENCIES.map((c) => (
                    <SelectItem key={c} value={c}>
                      {c}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="quote-channel">Send by</Label>
              <Select value={channel} onValueChange={(v) => setChannel(v as 'sms' | 'whatsapp')}>
                <SelectTrigger id="quote-channel" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="sms">SMS</SelectItem>
                  <SelectItem value="whatsapp">WhatsApp</SelectItem>
                </SelectContent>
              </Select>
            </div>
          </CardContent>
        </Card>
        <Card>
          <CardContent className="grid gap-3">
            <h2 className="font-semibold">Lines</h2>
            <div className="hidden grid-cols-[1fr_4.5rem_6.5rem_2.25rem] gap-2 text-xs text-muted-foreground sm:grid" aria-hidden="true">
              <span>Description</span>
              <span>Qty</span>
              <span>Price</span>
            </div>
            <ul className="grid gap-2">
              {lines.map((line, i) => (
                <li key={line.key} className="grid grid-cols-[4.5rem_1fr_2.25rem] items-center gap-2 border-b pb-2 sm:grid-cols-[1fr_4.5rem_6.5rem_2.25rem] sm:border-0 sm:pb-0" data-testid="quote-line">
                  <Input className="col-span-3 sm:col-span-1" placeholder="Description" value={line.description} aria-label={`Line ${i + 1} description`} onChange={(e) => setLine(line.key, { description: e.target.value })} maxLength={300} />
                  <Input inputMode="decimal" placeholder="Qty" value={line.quantity} aria-label={`Line ${i + 1} quantity`} onChange={(e) => setLine(line.key, { quantity: e.target.value })} />
                  <Input inputMode="decimal" placeholder="Price" value={line.unitPrice} aria-label={`Line ${i + 1} price`} onChange={(e) => setLine(line.key, { unitPrice: e.target.value })} />
                  <Button type="button" variant="ghost" size="icon" aria-label={`Remove line ${i + 1}`} disabled={lines.length === 1} onClick={() => setLines((ls) => ls.filter((l) => l.key !== line.key))}>
                    <Trash2Icon aria-hidden="true" />
                  </Button>
                </li>
              ))}
            </ul>
            <Button type="button" variant="outline" className="justify-self-start" onClick={() => setLines((ls) => [...ls, { key: Math.max(...ls.map((l) => l.key)) + 1, description: '', quantity: '1', unitPrice: '' }])}>
              <PlusIcon aria-hidden="true" />
              Add a line
            </Button>
            <div className="flex items-center justify-between border-t pt-3">
              <span className="text-sm text-muted-foreground">Total</span>
              {usedLines.length > 0 ? (
                <span className="text-xl font-semibold tabular-nums" data-testid="quote-total">
                  {money(linesCents)}
                </span>
              ) : (
                <Input className="w-40 text-right" inputMode="decimal" aria-label="Total" placeholder="0.00" value={total} onChange={(e) => setTotal(e.target.value)} />
              )}
            </div>
          </CardContent>
        </Card>
        <FormError error={error} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={() => router.push('/quotes')}>
            Cancel
          </Button>
          <Button type="submit" disabled={saving}>
            {saving ? 'Sending…' : 'Send quote'}
          </Button>
        </div>
      </form>
    </div>
  );
}
