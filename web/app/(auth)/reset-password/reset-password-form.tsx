'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { Loader2Icon } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { AccountField } from '../../../components/account-field';
import { FormError } from '../../../components/form-error';
import { Button } from '../../../components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '../../../components/ui/card';
import { toast } from '../../../components/ui/sonner';
import { accountApi } from '../../../lib/account-api';
import { ResetPasswordFormSchema, type ResetPasswordForm as Values } from '../../../lib/auth-forms';
import { useApiAction } from '../../../lib/use-api';

export function ResetPasswordForm({ token }: { token: string | null }) {
  const router = useRouter();
  const form = useForm<Values>({ resolver: zodResolver(ResetPasswordFormSchema), defaultValues: { newPassword: '', confirm: '' } });
  const reset = useApiAction(accountApi.resetPassword);
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ newPassword }) => {
    if (!token) return;
    if (await reset.run({ newPassword, token })) {
      toast.success('Password changed. Sign in with your new password.');
      router.replace('/sign-in');
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Choose a new password
        </CardTitle>
        <CardDescription>{token ? 'Enter it twice to be sure.' : 'This reset link is missing its token, has expired or was already used.'}</CardDescription>
      </CardHeader>
      {token ? (
        <form onSubmit={onSubmit} noValidate aria-label="Choose a new password">
          <CardContent className="grid gap-4">
            <FormError error={reset.error} />
            <AccountField kind="new-password" label="New password" hint="At least 8 characters." error={errors.newPassword?.message} autoFocus {...form.register('newPassword')} />
            <AccountField kind="new-password" label="Repeat the new password" error={errors.confirm?.message} {...form.register('confirm')} />
          </CardContent>
          <CardFooter className="mt-6">
            <Button type="submit" className="w-full" disabled={reset.pending}>
              {reset.pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              Change password
            </Button>
          </CardFooter>
        </form>
      ) : (
        <CardFooter>
          <Button asChild className="w-full">
            <Link href="/forgot-password">Ask for a new link</Link>
          </Button>
        </CardFooter>
      )}
    </Card>
  );
}
