import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { InboxPanes } from '../../../components/inbox/inbox-panes';

export const metadata: Metadata = { title: 'Inbox' };

export default function InboxLayout({ children }: { children: ReactNode }) {
  return <InboxPanes>{children}</InboxPanes>;
}
