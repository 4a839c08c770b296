'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { KeyRoundIcon, Loader2Icon, PlusIcon, TriangleAlertIcon } from 'lucide-react';
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
import { Alert, AlertDescription } from '../../../../components/ui/alert';
import { Badge } from '../../../../components/ui/badge';
import { Button } from '../../../../components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '../../../../components/ui/dialog';
import { FormField } from '../../../../components/ui/form-field';
import { Input } from '../../../../components/ui/input';
import { toast } from '../../../../components/ui/sonner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../../../components/ui/table';
import { accountApi } from '../../../../lib/account-api';
import type { ApiKeyView as ApiKey } from '../../../../../domain/schemas/accounts';
import { RoleSchema } from '../../../../../domain/schemas/accounts';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../../../lib/roles';
import { useApiAction, useApiQuery } from '../../../../lib/use-api';

const CreateKeySchema = z.object({ name: z.string().trim().min(1, 'Name the key after what uses it, e.g. “Website form”').max(100), role: RoleSchema });
type CreateKey = z.infer<typeof CreateKeySchema>;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function CreateKeyDialog({ onCreated }: { onCreated: (key: ApiKey) => void }) {
  const { data: me } = useMe();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useApiAction(accountApi.createApiKey);
  const form = useForm<CreateKey>({ resolver: zodResolver(CreateKeySchema), defaultValues: { name: '', role: 'agent' } });
  const role = form.watch('role');

  const onSubmit = form.handleSubmit(async (values) => {
    const created = await create.run(values);
    if (!created) return;
    onCreated(created.apiKey);
    setSecret(created.key);
  });

  const change = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setSecret(null); // the key is never shown again
      create.reset();
      form.reset();
    }
  };

  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden="true" />
          New API key
        </Button>
      </DialogTrigger>
      <DialogContent>
        {secret ? (
          <>
            <DialogHeader>
              <DialogTitle>Copy your new API key</DialogTitle>
              <DialogDescription>Store it somewhere safe, such as your server’s secrets.</DialogDescription>
            </DialogHeader>
            <Alert>
              <TriangleAlertIcon aria-hidden="true" className="!text-warning" />
              <AlertDescription>This is the only time Herald shows this key. If you lose it, revoke it and create another.</AlertDescription>
            </Alert>
            <CopyField label="API key" value={secret} testId="api-key-secret" />
            <DialogFooter>
              <Button onClick={() => change(false)}>I have copied it</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Create an API key">
            <DialogHeader>
              <DialogTitle>New API key</DialogTitle>
              <DialogDescription>For a machine that calls Herald’s API: a website form, your CRM, a script.</DialogDescription>
            </DialogHeader>
            <FormError error={create.error} />
            <FormField label="Name" error={form.formState.errors.name?.message ?? create.error?.fieldMessage('name')}>
              <Input autoComplete="off" placeholder="Website form" {...form.register('name')} />
            </FormField>
            <FormField label="Role" hint={ROLE_DESCRIPTIONS[role]}>
              <Controller control={form.control} name="role" render={({ field }) => <RoleSelect value={field.value} onChange={field.onChange} maxRole={me.role} />} />
            </FormField>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => change(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={create.pending}>
                {create.pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
                Create key
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

export default function ApiKeysPage() {
  const keys = useApiQuery('api-keys', (signal) => accountApi.apiKeys(signal));
  const added = (key: ApiKey) => keys.setData((d) => d && { ...d, apiKeys: [key, ...d.apiKeys] });
  const revoke = async (key: ApiKey) => {
    await accountApi.revokeApiKey(key.id);
    keys.setData((d) => d && { ...d, apiKeys: d.apiKeys.map((k) => (k.id === key.id ? { ...k, revokedAt: new Date().toISOString() } : k)) });
    toast.success(`“${key.name}” was revoked.`);
  };
  const list = keys.data?.apiKeys;

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground">Keys let machines use Herald’s API with a role. Revoked keys stop working at once.</p>
        <CreateKeyDialog onCreated={added} />
      </div>
      {keys.error && !keys.data ? (
        <ErrorState title="Could not load API keys" error={keys.error} onRetry={keys.reload} />
      ) : !list ? (
        <TableLoading label="Loading API keys" />
      ) : list.length === 0 ? (
        <EmptyState icon={KeyRoundIcon} title="No API keys">
          Create one for each system that calls Herald, so you can revoke it alone.
        </EmptyState>
      ) : (
        <Table aria-label="API keys">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Role</TableHead>
              <TableHead className="hidden sm:table-cell">Created</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="w-24">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((key) => (
              <TableRow key={key.id} data-testid="api-key-row">
                <TableCell className="font-medium">{key.name}</TableCell>
                <TableCell>
                  <Badge variant="outline">{ROLE_LABELS[key.role]}</Badge>
                </TableCell>
                <TableCell className="hidden text-muted-foreground sm:table-cell">{dateFormat.format(new Date(key.createdAt))}</TableCell>
                <TableCell>{key.revokedAt ? <Badge variant="secondary">Revoked</Badge> : <Badge variant="success">Active</Badge>}</TableCell>
                <TableCell className="text-right">
                  {!key.revokedAt && (
                    <ConfirmDialog
                      trigger={
                        <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive">
                          Revoke
                        </Button>
                      }
                      title={`Revoke “${key.name}”?`}
                      description="Anything using this key gets 401 from now on. This cannot be undone."
                      confirmLabel="Revoke key"
                      onConfirm={() => revoke(key)}
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
