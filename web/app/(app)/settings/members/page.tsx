'use client';

import { Trash2Icon, UsersIcon } from 'lucide-react';
import Link from 'next/link';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { EmptyState, ErrorState } from '../../../../components/error-state';
import { RoleSelect } from '../../../../components/settings/role-select';
import { TableLoading } from '../../../../components/settings/table-loading';
import { initials } from '../../../../components/shell/user-menu';
import { useMe } from '../../../../components/shell/me-context';
import { Avatar, AvatarFallback } from '../../../../components/ui/avatar';
import { Badge } from '../../../../components/ui/badge';
import { Button } from '../../../../components/ui/button';
import { toast } from '../../../../components/ui/sonner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../../components/ui/table';
import { accountApi } from '../../../../lib/account-api';
import { errorMessage } from '../../../../lib/api-error';
import type { MemberView as Member } from '../../../../../domain/schemas/accounts';
import { ROLE_LABELS, type Role } from '../../../../lib/roles';
import { useApiQuery } from '../../../../lib/use-api';

export default function MembersPage() {
  const { data: me } = useMe();
  const members = useApiQuery('members', (signal) => accountApi.members(signal));

  // Owners alone touch owners (the API enforces it; the page does not offer what would be refused).
  const canManage = (member: Member) => member.email !== me.user?.email && (member.role !== 'owner' || me.role === 'owner');

  const changeRole = async (member: Member, role: Role) => {
    const before = member.role;
    members.setData((d) => d && { ...d, members: d.members.map((m) => (m.id === member.id ? { ...m, role } : m)) });
    try {
      await accountApi.changeRole(member.id, role);
      toast.success(`${member.name} is now ${ROLE_LABELS[role].toLowerCase()}.`);
    } catch (error) {
      members.setData((d) => d && { ...d, members: d.members.map((m) => (m.id === member.id ? { ...m, role: before } : m)) });
      toast.error(errorMessage(error));
    }
  };

  const remove = async (member: Member) => {
    await accountApi.removeMember(member.id);
    members.setData((d) => d && { ...d, members: d.members.filter((m) => m.id !== member.id) });
    toast.success(`${member.name} was removed.`);
  };

  if (members.error && !members.data) return <ErrorState title="Could not load members" error={members.error} onRetry={members.reload} />;
  if (!members.data) return <TableLoading label="Loading members" />;
  if (members.data.members.length === 0) {
    return (
      <EmptyState icon={UsersIcon} title="No members yet" action={<Button asChild><Link href="/settings/invitations">Invite someone</Link></Button>}>
        Invite your team; each person gets a role.
      </EmptyState>
    );
  }

  return (
    <Table aria-label="Members">
      <TableHeader>
        <TableRow>
          <TableHead>Member</TableHead>
          <TableHead>Role</TableHead>
          <TableHead className="w-12">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.data.members.map((member) => (
          <TableRow key={member.id} data-testid="member-row">
            <TableCell className="whitespace-normal">
              <div className="flex min-w-0 items-center gap-3">
                <Avatar>
                  <AvatarFallback>{initials(member.name)}</AvatarFallback>
                </Avatar>
                <div className="grid min-w-0 leading-tight">
                  <span className="font-medium">
                    {member.name} {member.email === me.user?.email && <Badge variant="secondary">You</Badge>}
                  </span>
                  <span className="text-xs break-all text-muted-foreground">{member.email}</span>
                </div>
              </div>
            </TableCell>
            <TableCell>
              {canManage(member) ? (
                <RoleSelect size="sm" value={member.role} maxRole={me.role} label={`Role of ${member.name}`} onChange={(role) => void changeRole(member, role)} />
              ) : (
                <Badge variant="outline">{ROLE_LABELS[member.role]}</Badge>
              )}
            </TableCell>
            <TableCell>
              {canManage(member) && (
                <ConfirmDialog
                  trigger={
                    <Button variant="ghost" size="icon" aria-label={`Remove ${member.name}`}>
                      <Trash2Icon aria-hidden="true" />
                    </Button>
                  }
                  title={`Remove ${member.name}?`}
                  description={`${member.email} loses access to ${me.tenant.businessName} at once. Conversations assigned to them become unassigned.`}
                  confirmLabel="Remove"
                  onConfirm={() => remove(member)}
                />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
