'use client';

import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { FormField } from './ui/form-field';
import { Input } from './ui/input';

// What browsers and password managers need to fill each kind of account field, and phones to show the right keyboard.
const KINDS = {
  name: { autoComplete: 'name' },
  organization: { autoComplete: 'organization' },
  email: { type: 'email', autoComplete: 'email', inputMode: 'email' },
  'current-password': { type: 'password', autoComplete: 'current-password' },
  'new-password': { type: 'password', autoComplete: 'new-password' },
} as const;

/**
 * A field of the account forms (sign in, sign up, password reset, invitation): a labelled input of one kind,
 * registered with react-hook-form (spread `form.register(name)` onto it), its hint and error wired by FormField.
 */
export function AccountField({
  kind,
  label,
  hint,
  error,
  autoFocus,
  ...registration
}: UseFormRegisterReturn & { kind: keyof typeof KINDS; label: string; hint?: ReactNode; error?: string | undefined; autoFocus?: boolean }) {
  return (
    <FormField label={label} hint={hint} error={error}>
      <Input {...KINDS[kind]} autoFocus={autoFocus} {...registration} />
    </FormField>
  );
}
