'use client';

import { SearchIcon, UsersIcon } from 'lucide-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/api-error';
import { formatShort } from '../../lib/format';
import { roleAtLeast } from '../../lib/roles';
import { useApiQuery } from '../../lib/use-api';
import { EmptyState, ErrorState } from '../error-state';
import { PageHeader } from '../page-header';
import { TableLoading } from '../settings/table-loading';
import { useMe } from '../shell/me-context';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Input } from '../ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '../ui/select';
import { toast } from '../ui/sonner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../ui/table';
import { contactApi } from './contact-api';
import { NewContactDialog } from './new-contact-dialog';

const nameOf = (c: { firstName: string | null; lastName: string | null }) => [c.firstName, c.lastName].filter(Boolean).join(' ') || 'No name';

/** Everyone the team talks to: searched and filtered by stage (both in the URL), newest first, a page at a time. */
export function ContactList() {
  const { data: me } = useMe();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const q = params.get('q') ?? '';
  const stageId = params.get('stage') ?? undefined;
  const [typed, setTyped] = useState(q);
  const stages = useApiQuery('stages', (signal) => contactApi.stages(signal));
  const contacts = useApiQuery(`contacts:${q}:${stageId ?? ''}`, (signal) => contactApi.list({ q, stageId }, signal));
  const [more, setMore] = useState(false);

  const setParams = (change: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(change)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const text = next.toString();
    router.replace(text ? `${pathname}?${text}` : pathname, { scroll: false });
  };
  // The search follows what is typed, after a short pause.
  useEffect(() => {
    const t = setTimeout(() => typed.trim() !== q && setParams({ q: typed.trim() || undefined }), 300);
    return () => clearTimeout(t);
  });

  const loadMore = async () => {
    const cursor = contacts.data?.nextCursor;
    if (!cursor) return;
    setMore(true);
    try {
      const page = await contactApi.list({ q, stageId, cursor });
      contacts.setData((d) => d && { contacts: [...d.contacts, ...page.contacts], nextCursor: page.nextCursor });
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setMore(false);
    }
  };
  const stageName = (id: string | null) => stages.data?.stages.find((s) => s.id === id)?.name;
  const filtered = q !== '' || stageId !== undefined;

  return (
    <div className="mx-auto grid w-full max-w-5xl gap-6 p-4 sm:p-6">
      <PageHeader title="Contacts" description="Everyone your team talks to." actions={roleAtLeast(me.role, 'agent') && <NewContactDialog onCreated={() => contacts.reload()} />} />
      <div className="flex flex-col gap-3 sm:flex-row">
        <div className="relative flex-1">
          <SearchIcon className="pointer-events-none absolute top-2.5 left-3 size-4 text-muted-foreground" aria-hidden="true" />
          <Input type="search" className="pl-9" placeholder="Search name, phone or email" aria-label="Search contacts" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="contact-search" />
        </div>
        <Select value={stageId ?? 'all'} onValueChange={(v) => setParams({ stage: v === 'all' ? undefined : v })}>
          <SelectTrigger className="w-full sm:w-56" aria-label="Stage" data-testid="contact-stage-filter">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="all">Every stage</SelectItem>
            {stages.data?.stages.map((s) => (
              <SelectItem key={s.id} value={s.id}>
                {s.name}
              </SelectItem>
            ))}
            <SelectItem value="none">In no stage</SelectItem>
          </SelectContent>
        </Select>
      </div>
      {contacts.error && !contacts.data ? (
        <ErrorState title="Could not load contacts" error={contacts.error} onRetry={contacts.reload} />
      ) : !contacts.data ? (
        <TableLoading label="Loading contacts" rows={6} />
      ) : contacts.data.contacts.length === 0 ? (
        <EmptyState icon={UsersIcon} title={filtered ? 'No contact matches' : 'No contacts yet'}>
          {filtered ? 'Try another search or stage.' : 'Contacts arrive when someone writes in, fills in your lead form, or is added here or through the API.'}
        </EmptyState>
      ) : (
        <>
          <Table aria-label="Contacts">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead className="hidden md:table-cell">Phone and email</TableHead>
                <TableHead>Stage</TableHead>
                <TableHead className="hidden sm:table-cell">Added</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {contacts.data.contacts.map((c) => (
                <TableRow key={c.id} data-testid="contact-row">
                  <TableCell className="whitespace-normal">
                    <span className="font-medium">{nameOf(c)}</span>
                    <span className="block text-xs text-muted-foreground md:hidden">{c.phone ?? c.email}</span>
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground md:table-cell">{[c.phone, c.email].filter(Boolean).join(' · ')}</TableCell>
                  <TableCell>{c.stageId ? <Badge variant="secondary">{stageName(c.stageId) ?? '…'}</Badge> : <span className="text-muted-foreground">—</span>}</TableCell>
                  <TableCell className="hidden text-muted-foreground sm:table-cell">{formatShort(new Date(c.createdAt), me.tenant.timeZone)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {contacts.data.nextCursor && (
            <Button variant="outline" className="justify-self-center" disabled={more} onClick={() => void loadMore()}>
              {more ? 'Loading…' : 'Load more'}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
