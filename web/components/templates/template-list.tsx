'use client';

import { FileCode2Icon, PlusIcon } from 'lucide-react';
import Link from 'next/link';
import { formatShort } from '../../lib/format';
import { roleAtLeast } from '../../lib/roles';
import { useApiQuery } from '../../lib/use-api';
import { EmptyState, ErrorState } from '../error-state';
import { PageHeader } from '../page-header';
import { TableLoading } from '../settings/table-loading';
import { useMe } from '../shell/me-context';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../ui/table';
import { templateApi } from './template-api';

const CHANNELS = { sms: 'SMS', whatsapp: 'WhatsApp', email: 'Email' } as const;

/** The tenant's saved templates by name. */
export function TemplateList() {
  const { data: me } = useMe();
  const templates = useApiQuery('templates', (signal) => templateApi.list(signal));
  const canEdit = roleAtLeast(me.role, 'admin');
  const newButton = canEdit && (
    <Button asChild>
      <Link href="/templates/new">
        <PlusIcon aria-hidden="true" />
        New template
      </Link>
    </Button>
  );
  return (
    <div className="mx-auto grid w-full max-w-5xl gap-6 p-4 sm:p-6">
      <PageHeader title="Templates" description="Saved texts with {{variables}}, for sequences and the inbox." actions={newButton} />
      {templates.error && !templates.data ? (
        <ErrorState title="Could not load templates" error={templates.error} onRetry={templates.reload} />
      ) : !templates.data ? (
        <TableLoading label="Loading templates" />
      ) : templates.data.templates.length === 0 ? (
        <EmptyState icon={FileCode2Icon} title="No templates yet" action={newButton || undefined}>
          A template is a text you reuse — a welcome, a reminder — filled in for each contact.
        </EmptyState>
      ) : (
        <Table aria-label="Templates">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Channel</TableHead>
              <TableHead className="hidden sm:table-cell">Changed</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {templates.data.templates.map((t) => (
              <TableRow key={t.id} data-testid="template-row">
                <TableCell className="whitespace-normal">
                  <Link href={`/templates/${encodeURIComponent(t.id)}`} className="font-medium underline-offset-4 hover:underline">
                    {t.name}
                  </Link>
                  <span className="line-clamp-1 text-xs text-muted-foreground">{t.body}</span>
                </TableCell>
                <TableCell>
                  <span className="flex flex-wrap gap-1">
                    <Badge variant="secondary">{CHANNELS[t.channel]}</Badge>
                    {t.contentSid && <Badge variant="outline">Approved</Badge>}
                  </span>
                </TableCell>
                <TableCell className="hidden text-muted-foreground sm:table-cell">{formatShort(new Date(t.updatedAt), me.tenant.timeZone)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
