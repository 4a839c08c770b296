import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ContactList } from '../../../components/contacts/contact-list';

export const metadata: Metadata = { title: 'Contacts' };

export default function ContactsPage() {
  // The search and the stage live in the URL's search params, read on the client.
  return (
    <Suspense>
      <ContactList />
    </Suspense>
  );
}
