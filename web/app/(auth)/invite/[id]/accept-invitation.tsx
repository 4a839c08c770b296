'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { Loader2Icon, UsersIcon } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { ErrorState } from '../../../../components/error-state';
import { AccountField } from '../../../../components/account-field';
import { FormError } from '../../../../components/form-error';
import { Button } from '../../../../components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '../../../../components/ui/card';
import { Skeleton } from '../../../../components/ui/skeleton';
import { accountApi } from '../../../../lib/account-api';
import { isApiError } from '../../../../lib/api-error';
import { AcceptInvitationFormSchema, type AcceptInvitationForm } from '../../../../lib/auth-forms';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../../../lib/roles';
import { useApiAction, useApiQuery } from '../../../../lib/use-api';

/**
 * An invitation link: who invites whom to what, then either "join" (already signed in) or a name and password
 * (the accept call creates the account when there is none).
 */
export function AcceptInvitation({ invitationId }: { invitationId: string }) {
  const router = useRouter();
  const invitation = useApiQuery(`invitation:${invitationId}`, (signal) => accountApi.publicInvitation(invitationId, signal));
  // Signed in already? Then joining needs no form. A 401 here just means "no session".
  const me = useApiQuery('me', (signal) => accountApi.me(signal).catch((e: unknown) => (isApiError(e) && e.status === 401 ? null : Promise.reject(e))));
  const accept = useApiAction((body: { name?: string; password?: string }) => accountApi.acceptInvitation(invitationId, body));
  const signOut = useApiAction(accountApi.signOut);
  const form = useForm<AcceptInvitationForm>({ resolver: zodResolver(AcceptInvitationFormSchema), defaultValues: { name: '', password: '' } });

  const join = async (body: { name?: string; password?: string }) => {
    if (await accept.run(body)) router.replace('/inbox');
  };

  if (invitation.loading || me.loading) {
    return (
      <Card role="status" aria-busy="true" aria-label="Loading the invitation">
        <CardHeader>
          <Skeleton className="h-6 w-3/4" />
          <Skeleton className="h-4 w-1/2" />
        </CardHeader>
        <CardContent className="grid gap-3">
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-full" />
        </CardContent>
      </Card>
    );
  }
  if (invitation.error || !invitation.data) {
    const gone = invitation.error?.status === 404;
    return (
      <div className="grid gap-4">
        <h1 className="text-xl font-semibold">Invitation</h1>
        <ErrorState title={gone ? 'This invitation does not exist' : 'Could not load the invitation'} error={invitation.error} {...(gone ? {} : { onRetry: invitation.reload })} />
      </div>
    );
  }

  const { businessName, email, role, status, expiresAt } = invitation.data;
  const expired = new Date(expiresAt).getTime() < Date.now();
  const open = status === 'pending' && !expired;
  const signedInAs = me.data?.user?.email ?? null;

  return (
    <Card>
      <CardHeader>
        <span className="mb-2 flex size-10 items-center justify-center rounded-full bg-primary/10" aria-hidden="true">
          <UsersIcon className="size-5 text-primary" />
        </span>
        <CardTitle as="h1" className="text-xl">
          Join {businessName} on Herald
        </CardTitle>
        <CardDescription>
          Invitation for <strong className="text-foreground">{email}</strong> to join as <strong className="text-foreground">{ROLE_LABELS[role].toLowerCase()}</strong>:{' '}
          {ROLE_DESCRIPTIONS[role].charAt(0).toLowerCase() + ROLE_DESCRIPTIONS[role].slice(1)}
        </CardDescription>
      </CardHeader>
      {!open ? (
        <CardContent>
          <p role="alert" className="text-sm text-destructive">
            {expired ? 'This invitation has expired.' : `This invitation was already ${status}.`} Ask whoever invited you for a new link.
          </p>
        </CardContent>
      ) : signedInAs && signedInAs.toLowerCase() !== email.toLowerCase() ? (
        <>
          <CardContent className="grid gap-3">
            <FormError error={signOut.error} />
            <p className="text-sm" role="alert">
              You are signed in as <strong>{signedInAs}</strong>, but this invitation is for <strong>{email}</strong>. Sign out to accept it as {email}.
            </p>
          </CardContent>
          <CardFooter>
            <Button variant="outline" className="w-full" disabled={signOut.pending} onClick={() => void signOut.run().then((ok) => ok && me.reload())}>
              Sign out of {signedInAs}
            </Button>
          </CardFooter>
        </>
      ) : signedInAs ? (
        <>
          <CardContent className="grid gap-3">
            <FormError error={accept.error} />
            <p className="text-sm">
              You are signed in as <strong>{signedInAs}</strong>.
            </p>
          </CardContent>
          <CardFooter>
            <Button className="w-full" disabled={accept.pending} onClick={() => void join({})}>
              {accept.pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              Join {businessName}
            </Button>
          </CardFooter>
        </>
      ) : (
        <form onSubmit={form.handleSubmit((values) => join(values))} noValidate aria-label="Accept invitation">
          <CardContent className="grid gap-4">
            <FormError error={accept.error} />
            <AccountField kind="name" label="Your name" error={form.formState.errors.name?.message} autoFocus {...form.register('name')} />
            <AccountField kind="new-password" label="Choose a password" hint="At least 8 characters." error={form.formState.errors.password?.message} {...form.register('password')} />
          </CardContent>
          <CardFooter className="mt-6 flex-col gap-4">
            <Button type="submit" className="w-full" disabled={accept.pending}>
              {accept.pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              Accept and join
            </Button>
            <p className="text-sm text-muted-foreground">
              Have a Herald account already?{' '}
              <Link href={`/sign-in?next=${encodeURIComponent(`/invite/${invitationId}`)}`} className="font-medium text-primary underline-offset-4 hover:underline">
                Sign in first
              </Link>
            </p>
          </CardFooter>
        </form>
      )}
    </Card>
  );
}
