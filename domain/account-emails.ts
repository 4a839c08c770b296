import type { Role } from './roles';

/** What Herald emails people about their account: subject and text, from the facts and the link. */
export interface AccountEmail {
  subject: string;
  body: string;
}

/** The page of the web app that takes a reset token (the web app and the API share one origin). */
export function passwordResetLink(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
}

/** The page of the web app that opens an invitation; its id is the secret. */
export function invitationLink(appUrl: string, invitationId: string): string {
  return `${appUrl.replace(/\/+$/, '')}/invite/${encodeURIComponent(invitationId)}`;
}

export function passwordResetEmail(input: { name: string; link: string }): AccountEmail {
  return {
    subject: 'Reset your Herald password',
    body: [
      `Hi ${input.name},`,
      '',
      'Someone (we hope you) asked to reset the password of your Herald account. Choose a new one here:',
      input.link,
      '',
      'The link works for one hour and once. If you did not ask for it, ignore this email: your password stays as it is.',
    ].join('\n'),
  };
}

export function invitationEmail(input: { businessName: string; role: Role; link: string; expiresAt: Date }): AccountEmail {
  return {
    subject: `You are invited to ${input.businessName} on Herald`,
    body: [
      `You are invited to join ${input.businessName} on Herald as ${input.role === 'admin' || input.role === 'agent' ? 'an' : 'a'} ${input.role}.`,
      '',
      'Accept the invitation here:',
      input.link,
      '',
      `The link works until ${input.expiresAt.toISOString().slice(0, 10)}.`,
    ].join('\n'),
  };
}
