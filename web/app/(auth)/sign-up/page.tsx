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
import { browserTimeZone, SignUpFormSchema, type SignUpForm } from '../../../lib/auth-forms';
import { useApiAction } from '../../../lib/use-api';

/** A new business: the account, its tenant and its owner in one step (POST /api/signup), then the inbox. */
export default function SignUpPage() {
  const router = useRouter();
  const form = useForm<SignUpForm>({ resolver: zodResolver(SignUpFormSchema), defaultValues: { name: '', email: '', password: '', businessName: '' } });
  const signUp = useApiAction(accountApi.signUp);
  const { errors } = form.formState;
  // The API names the field at fault in a VALIDATION error; show it beside the field.
  const serverField = (name: keyof SignUpForm) => signUp.error?.fieldMessage(name);

  const onSubmit = form.handleSubmit(async (values) => {
    const timeZone = browserTimeZone();
    if (await signUp.run({ ...values, ...(timeZone ? { timeZone } : {}) })) router.replace('/inbox');
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Create your Herald account
        </CardTitle>
        <CardDescription>Set up your team’s inbox. You can invite colleagues next.</CardDescription>
      </CardHeader>
      <form onSubmit={onSubmit} noValidate aria-label="Create account">
        <CardContent className="grid gap-4">
          <FormError error={signUp.error} />
          <AccountField kind="name" label="Your name" error={errors.name?.message ?? serverField('name')} autoFocus {...form.register('name')} />
          <AccountField kind="organization" label="Business name" hint="The name your contacts see." error={errors.businessName?.message ?? serverField('businessName')} {...form.register('businessName')} />
          <AccountField kind="email" label="Work email" error={errors.email?.message ?? serverField('email')} {...form.register('email')} />
          <AccountField kind="new-password" label="Password" hint="At least 8 characters." error={errors.password?.message ?? serverField('password')} {...form.register('password')} />
        </CardContent>
        <CardFooter className="mt-6 flex-col gap-4">
          <Button type="submit" className="w-full" disabled={signUp.pending}>
            {signUp.pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
            Create account
          </Button>
          <p className="text-sm text-muted-foreground">
            Already have an account?{' '}
            <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
              Sign in
            </Link>
          </p>
        </CardFooter>
      </form>
    </Card>
  );
}
