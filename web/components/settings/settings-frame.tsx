'use client';

import { ShieldAlertIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { roleAtLeast } from '../../lib/roles';
import { cn } from '../../lib/utils';
import { EmptyState } from '../error-state';
import { PageHeader } from '../page-header';
import { useMe } from '../shell/me-context';

const SECTIONS = [
  { href: '/settings/members', label: 'Members' },
  { href: '/settings/invitations', label: 'Invitations' },
  { href: '/settings/api-keys', label: 'API keys' },
];

/** Settings are for admins and owners; others see why they cannot, not a broken page. */
export function SettingsFrame({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const { data: me } = useMe();
  const allowed = roleAtLeast(me.role, 'admin');
  return (
    <div className="mx-auto grid w-full max-w-5xl gap-6 p-4 sm:p-6">
      <PageHeader title="Settings" description={`Who works in ${me.tenant.businessName}, and how machines reach it.`} />
      {allowed ? (
        <>
          <nav aria-label="Settings" className="-mx-1 flex gap-1 overflow-x-auto border-b">
            {SECTIONS.map(({ href, label }) => {
              const active = pathname === href;
              return (
                <Link
                  key={href}
                  href={href}
                  aria-current={active ? 'page' : undefined}
                  className={cn(
                    '-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50',
                    active && 'border-primary text-foreground',
                  )}
                >
                  {label}
                </Link>
              );
            })}
          </nav>
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
