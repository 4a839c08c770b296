import { WorkflowIcon } from 'lucide-react';
import type { Metadata } from 'next';
import { EmptyState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';

export const metadata: Metadata = { title: 'Sequences' };

export default function SequencesPage() {
  return (
    <div className="grid gap-6 p-4 sm:p-6">
      <PageHeader title="Sequences" description="Automated follow-ups, each step a durable workflow." />
      <EmptyState icon={WorkflowIcon} title="Sequences are coming to the app">
        Sequences are created and published through the API today; their messages already show in each conversation.
      </EmptyState>
    </div>
  );
}
