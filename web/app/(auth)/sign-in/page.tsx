import type { Metadata } from 'next';
import { safeNextPath } from '../../../lib/safe-next';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  return <SignInForm next={safeNextPath(params.next)} />;
}
