'use client';

import { ArrowLeftIcon, CalendarClockIcon, ShieldAlertIcon } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { roleAtLeast } from '../../../lib/roles';
import { EmptyState, ErrorState } from '../../error-state';
import { PageHeader } from '../../page-header';
import { TableLoading } from '../../settings/table-loading';
import { useMe } from '../../shell/me-context';
import { Button } from '../../ui/button';
import { toast } from '../../ui/sonner';
import { sequenceApi } from '../sequence-api';
import { SequenceBuilder } from './sequence-builder';
import { emptySequenceForm } from './sequence-form';
import { useTemplates } from './sequence-editor';

/** A new sequence: built here, saved as draft version 1, then previewed and published on its own page. */
export function NewSequence() {
  const { data: me } = useMe();
  const router = useRouter();
  const templates = useTemplates();
  const initial = useMemo(() => emptySequenceForm(), []);
  const canEdit = roleAtLeast(me.role, 'admin');

  return (
    <div className="mx-auto grid w-full max-w-7xl gap-6 p-4 sm:p-6">
      <Button variant="link" asChild className="h-auto w-fit px-0 text-muted-foreground">
        <Link href="/sequences">
          <ArrowLeftIcon aria-hidden="true" />
          All sequences
        </Link>
      </Button>
      <PageHeader title="New sequence" description="Steps that wait, then send; saved as a draft until you publish it." />
      {!canEdit ? (
        <EmptyState icon={ShieldAlertIcon} title="Only admins create sequences">
          You are signed in as {me.role === 'agent' ? 'an agent' : 'a viewer'}. Ask an admin or owner of {me.tenant.businessName} to create it.
        </EmptyState>
      ) : templates.error && !templates.data ? (
        <ErrorState title="Could not load the templates" error={templates.error} onRetry={templates.reload} />
      ) : !templates.data ? (
        <TableLoading label="Loading the builder" rows={4} />
      ) : (
        <SequenceBuilder
          isNew
          initial={initial}
          templates={templates.data.templates}
          submitLabel="Create draft"
          onSave={async (input) => {
            const { sequence } = await sequenceApi.create(input);
            toast.success(`“${sequence.name}” saved as draft v1.`);
            router.push(`/sequences/${encodeURIComponent(sequence.id)}`);
            return null;
          }}
          aside={() => (
            <EmptyState icon={CalendarClockIcon} title="Schedule preview">
              Create the draft to preview, for a contact you choose, when each step would go out and what it would say.
            </EmptyState>
          )}
        />
      )}
    </div>
  );
}
