'use client';

import { CheckIcon, ChevronsUpDownIcon } from 'lucide-react';
import { accountApi } from '../../lib/account-api';
import { errorMessage } from '../../lib/api-error';
import { ROLE_LABELS } from '../../lib/roles';
import { Button } from '../ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from '../ui/dropdown-menu';
import { toast } from '../ui/sonner';
import { useMe } from './me-context';

/** The workspace (tenant) name; a menu to switch when the member belongs to several (POST /api/me/tenant). */
export function TenantSwitcher() {
  const { data: me } = useMe();
  const title = (
    <span className="grid min-w-0 flex-1 text-left leading-tight">
      <span className="truncate text-sm font-semibold" data-testid="tenant-name">
        {me.tenant.businessName}
      </span>
      <span className="truncate text-xs text-muted-foreground">{ROLE_LABELS[me.role]}</span>
    </span>
  );
  if (me.memberships.length < 2) return <div className="flex min-w-0 items-center px-2 py-1.5">{title}</div>;

  const switchTo = async (tenantId: string) => {
    try {
      await accountApi.switchTenant(tenantId);
      // Everything on screen belongs to the old tenant: start again from the inbox.
      window.location.assign('/inbox');
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="h-auto w-full justify-start px-2 py-1.5" aria-label={`Workspace: ${me.tenant.businessName}. Switch workspace`}>
          {title}
          <ChevronsUpDownIcon className="size-4 text-muted-foreground" aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-60">
        <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">Workspaces</DropdownMenuLabel>
        {me.memberships.map((m) => (
          <DropdownMenuItem key={m.tenantId} onSelect={() => m.tenantId !== me.tenant.id && void switchTo(m.tenantId)}>
            <span className="flex-1 truncate">{m.businessName}</span>
            {m.tenantId === me.tenant.id ? <CheckIcon aria-label="Current" /> : <span className="text-xs text-muted-foreground">{ROLE_LABELS[m.role]}</span>}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
