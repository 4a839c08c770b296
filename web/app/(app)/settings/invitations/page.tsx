'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { Loader2Icon, MailPlusIcon, XIcon } from 'lucide-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { CopyField } from '../../../../components/copy-field';
import { EmptyState, ErrorState } from '../../../../components/error-state';
import { FormError } from '../../../../components/form-error';
import { RoleSelect } from '../../../../components/settings/role-select';
import { TableLoading } from '../../../../components/settings/table-loading';
import { useMe } from '../../../../components/shell/me-context';
import { Badge } from '../../../../components/ui/badge';
import { Button } from '../../../../components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../../components/ui/dialog';
import { FormField } from '../../../../components/ui/form-field';
import { Input } from '../../../../components/ui/input';
import { toast } from '../../../../components/ui/sonner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../../components/ui/table';
import { accountApi } from '../../../../lib/account-api';
import type { InvitationView as Invitation } from '../../../../../domain/schemas/accounts';
import { RoleSchema } from '../../../../../domain/schemas/accounts';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../../../lib/roles';
import { useApiAction, useApiQuery } from '../../../../lib/use-api';

const InviteFormSchema = z.object({
  email: z.string().trim().min(1, 'Enter an email address').email('Enter a valid email address'),
  role: RoleSchema,
});
type InviteForm = z.infer<typeof InviteFormSchema>;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function InviteDialog({ onInvited }: { onInvited: (invitation: Invitation) => void }) {
  const { data: me } = useMe();
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const invite = useApiAction(accountApi.invite);
  const form = useForm<InviteForm>({ resolver: zodResolver(InviteFormSchema), defaultValues: { email: '', role: 'agent' } });
  const role = form.watch('role');

  const onSubmit = form.handleSubmit(async (values) => {
    const created = await invite.run(values);
    if (!created) return;
    onInvited(created.invitation);
    // The API returns a path or a full URL; either way show one that works from this origin.
    setLink(new URL(created.link, window.location.origin).toString());
  });

  const reset = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setLink(null);
      invite.reset();
      form.reset();
    }
  };

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button>
          <MailPlusIcon aria-hidden="true" />
          Invite
        </Button>
      </DialogTrigger>
      <DialogContent>
        {link ? (
          <>
            <DialogHeader>
              <DialogTitle>Invitation ready</DialogTitle>
              <DialogDescription>We emailed the link. You can also send it yourself; it works once.</DialogDescription>
            </DialogHeader>
            <CopyField label="Invitation link" value={link} testId="invitation-link" />
            <DialogFooter>
              <Button onClick={() => reset(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Invite a member">
            <DialogHeader>
              <DialogTitle>Invite to {me.tenant.businessName}</DialogTitle>
              <DialogDescription>They get an email with a link to join.</DialogDescription>
            </DialogHeader>
            <FormError error={invite.error} />
            <FormField label="Email" error={form.formState.errors.email?.message ?? invite.error?.fieldMessage('email')}>
              <Input type="email" autoComplete="off" {...form.register('email')} />
            </FormField>
            <FormField label="Role" hint={ROLE_DESCRIPTIONS[role]}>
              <Controller control={form.control} name="role" render={({ field }) => <RoleSelect value={field.value} onChange={field.onChange} maxRole={me.role} />} />
            </FormField>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => reset(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={invite.pending}>
                {invite.pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
                Send invitation
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

export default function InvitationsPage() {
  const invitations = useApiQuery('invitations', (signal) => accountApi.invitations(signal));
  const added = (invitation: Invitation) => invitations.setData((d) => d && { ...d, invitations: [invitation, ...d.invitations] });
  const cancel = async (invitation: Invitation) => {
    await accountApi.cancelInvitation(invitation.id);
    invitations.setData((d) => d && { ...d, invitations: d.invitations.filter((i) => i.id !== invitation.id) });
    toast.success(`The invitation for ${invitation.email} was cancelled.`);
  };

  const list = invitations.data?.invitations.filter((i) => i.status === 'pending');
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground">Pending invitations. Each link works once and expires.</p>
        <InviteDialog onInvited={added} />
      </div>
      {invitations.error && !invitations.data ? (
        <ErrorState title="Could not load invitations" error={invitations.error} onRetry={invitations.reload} />
      ) : !list ? (
        <TableLoading label="Loading invitations" />
      ) : list.length === 0 ? (
        <EmptyState icon={MailPlusIcon} title="No pending invitations">
          Invite agents to answer conversations, or admins to help run Herald.
        </EmptyState>
      ) : (
        <Table aria-label="Pending invitations">
          <TableHeader>
            <TableRow>
              <TableHead>Email</TableHead>
              <TableHead>Role</TableHead>
              <TableHead className="hidden sm:table-cell">Expires</TableHead>
              <TableHead className="w-12">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((invitation) => (
              <TableRow key={invitation.id}>
                <TableCell className="whitespace-normal">
                  <span className="block font-medium break-all">{invitation.email}</span>
                  <span className="block text-xs text-muted-foreground sm:hidden">Expires {dateFormat.format(new Date(invitation.expiresAt))}</span>
                </TableCell>
                <TableCell>
                  <Badge variant="outline">{ROLE_LABELS[invitation.role]}</Badge>
                </TableCell>
                <TableCell className="hidden text-muted-foreground sm:table-cell">{dateFormat.format(new Date(invitation.expiresAt))}</TableCell>
                <TableCell>
                  <ConfirmDialog
                    trigger={
                      <Button variant="ghost" size="icon" aria-label={`Cancel the invitation for ${invitation.email}`}>
                        <XIcon aria-hidden="true" />
                      </Button>
                    }
                    title="Cancel this invitation?"
                    description={`The link sent to ${invitation.email} stops working.`}
                    confirmLabel="Cancel invitation"
                    onConfirm={() => cancel(invitation)}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
