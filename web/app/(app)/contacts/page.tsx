import { UsersIcon } from 'lucide-react';
import type { Metadata } from 'next';
import { EmptyState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';

export const metadata: Metadata = { title: 'Contacts' };

export default function ContactsPage() {
  return (
    <div className="grid gap-6 p-4 sm:p-6">
      <PageHeader title="Contacts" description="Everyone your team talks to." />
      <EmptyState icon={UsersIcon} title="Contacts are coming to the app">
        Until then, contacts arrive through the API and the ingest endpoints, and each one has a conversation in the inbox.
      </EmptyState>
    </div>
  );
}
