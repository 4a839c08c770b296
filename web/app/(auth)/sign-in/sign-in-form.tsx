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
import { accountApi } from '../../../lib/account-api';
import { SignInFormSchema, type SignInForm as Values } from '../../../lib/auth-forms';
import { useApiAction } from '../../../lib/use-api';

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const form = useForm<Values>({ resolver: zodResolver(SignInFormSchema), defaultValues: { email: '', password: '' } });
  const signIn = useApiAction(accountApi.signIn);
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    if (await signIn.run(values)) router.replace(next);
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Sign in to Herald
        </CardTitle>
        <CardDescription>Welcome back. Your conversations are waiting.</CardDescription>
      </CardHeader>
      <form onSubmit={onSubmit} noValidate aria-label="Sign in">
        <CardContent className="grid gap-4">
          <FormError error={signIn.error} />
          <AccountField kind="email" label="Email" error={errors.email?.message} autoFocus {...form.register('email')} />
          <AccountField kind="current-password" label="Password" error={errors.password?.message} {...form.register('password')} />
          <Link href="/forgot-password" className="-mt-1 justify-self-end text-sm text-primary underline-offset-4 hover:underline">
            Forgot password?
          </Link>
        </CardContent>
        <CardFooter className="mt-6 flex-col gap-4">
          <Button type="submit" className="w-full" disabled={signIn.pending}>
            {signIn.pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
            Sign in
          </Button>
          <p className="text-sm text-muted-foreground">
            New to Herald?{' '}
            <Link href="/sign-up" className="font-medium text-primary underline-offset-4 hover:underline">
              Create an account
            </Link>
          </p>
        </CardFooter>
      </form>
    </Card>
  );
}
