'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { Loader2Icon, MailCheckIcon } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { AccountField } from '../../../components/account-field';
import { FormError } from '../../../components/form-error';
import { Button } from '../../../components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '../../../components/ui/card';
import { accountApi } from '../../../lib/account-api';
import { ForgotPasswordFormSchema, type ForgotPasswordForm } from '../../../lib/auth-forms';
import { useApiAction } from '../../../lib/use-api';

export default function ForgotPasswordPage() {
  const form = useForm<ForgotPasswordForm>({ resolver: zodResolver(ForgotPasswordFormSchema), defaultValues: { email: '' } });
  const request = useApiAction(accountApi.requestPasswordReset);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async ({ email }) => {
    if (await request.run(email)) setSentTo(email);
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Reset your password
        </CardTitle>
        <CardDescription>We will email you a link to choose a new one.</CardDescription>
      </CardHeader>
      {sentTo ? (
        <CardContent className="grid gap-4" role="status">
          <div className="flex items-start gap-3 rounded-lg bg-muted p-4 text-sm">
            <MailCheckIcon className="mt-0.5 size-4 shrink-0 text-success" aria-hidden="true" />
            {/* The same words whether or not the address has an account: the form does not reveal who signed up. */}
            <p>
              If <strong>{sentTo}</strong> has a Herald account, a reset link is on its way. It expires in an hour.
            </p>
          </div>
          <Link href="/sign-in" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Back to sign in
          </Link>
        </CardContent>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-label="Reset password">
          <CardContent className="grid gap-4">
            <FormError error={request.error} />
            <AccountField kind="email" label="Email" error={form.formState.errors.email?.message} autoFocus {...form.register('email')} />
          </CardContent>
          <CardFooter className="mt-6 flex-col gap-4">
            <Button type="submit" className="w-full" disabled={request.pending}>
              {request.pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              Send reset link
            </Button>
            <Link href="/sign-in" className="text-sm text-muted-foreground underline-offset-4 hover:underline">
              Back to sign in
            </Link>
          </CardFooter>
        </form>
      )}
    </Card>
  );
}
