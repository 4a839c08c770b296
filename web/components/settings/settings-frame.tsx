'use client';

import { ShieldAlertIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { roleAtLeast } from '../../lib/roles';
import { EmptyState } from '../error-state';
import { PageHeader } from '../page-header';
import { useMe } from '../shell/me-context';
import { TabNav } from '../tab-nav';

const SECTIONS = [
  { href: '/settings/members', label: 'Members' },
  { href: '/settings/invitations', label: 'Invitations' },
  { href: '/settings/api-keys', label: 'API keys' },
  { href: '/settings/audit-log', label: 'Audit log' },
];

/** Settings are for admins and owners; others see why they cannot, not a broken page. */
export function SettingsFrame({ children }: { children: ReactNode }) {
  const { data: me } = useMe();
  const allowed = roleAtLeast(me.role, 'admin');
  return (
    <div className="mx-auto grid w-full max-w-5xl gap-6 p-4 sm:p-6">
      <PageHeader title="Settings" description={`Who works in ${me.tenant.businessName}, and how machines reach it.`} />
      {allowed ? (
        <>
          <TabNav label="Settings" tabs={SECTIONS} />
          {children}
        </>
      ) : (
        <EmptyState icon={ShieldAlertIcon} title="Only admins manage settings">
          You are signed in as {me.role === 'agent' ? 'an agent' : 'a viewer'}. Ask an admin or owner of {me.tenant.businessName} if you need a change.
        </EmptyState>
      )}
    </div>
  );
}
