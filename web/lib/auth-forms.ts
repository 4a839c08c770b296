import { z } from 'zod';

// Client-side checks of the account forms: they catch typos before a round trip; the API checks again.
const email = z.string().trim().min(1, 'Enter your email address').email('Enter a valid email address, like ada@example.com');
// Better Auth's default bounds (8–128) for a new password.
const newPassword = z.string().min(8, 'Use at least 8 characters').max(128, 'Use at most 128 characters');

export const SignInFormSchema = z.object({ email, password: z.string().min(1, 'Enter your password') });
export type SignInForm = z.infer<typeof SignInFormSchema>;

export const SignUpFormSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(200),
  email,
  password: newPassword,
  businessName: z.string().trim().min(1, 'Enter your business’s name').max(200, 'Use at most 200 characters'),
});
export type SignUpForm = z.infer<typeof SignUpFormSchema>;

export const ForgotPasswordFormSchema = z.object({ email });
export type ForgotPasswordForm = z.infer<typeof ForgotPasswordFormSchema>;

export const ResetPasswordFormSchema = z
  .object({ newPassword, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { message: 'The two passwords differ', path: ['confirm'] });
export type ResetPasswordForm = z.infer<typeof ResetPasswordFormSchema>;

export const AcceptInvitationFormSchema = z.object({ name: z.string().trim().min(1, 'Enter your name').max(200), password: newPassword });
export type AcceptInvitationForm = z.infer<typeof AcceptInvitationFormSchema>;

/** The browser's IANA zone, for a new tenant's default (the API validates it). */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}
