import { symmetricDecrypt } from 'better-auth/crypto';
import { DEVELOPMENT_AUTH_SECRET } from '../domain/config';
import { invitationEmail, invitationLink, passwordResetEmail, passwordResetLink, type AccountEmail } from '../domain/account-emails';
import { AppError, ErrorCodes } from '../domain/errors';
import { invitationEmail as findInvitationEmail } from '../prisma/queries/invitations/invitations';
import { passwordResetEmail as findPasswordResetEmail } from '../prisma/queries/accounts/password-reset-email';
import { isProviderError } from '../providers/messaging-provider';
import type { AccountEmailInput, AccountEmailResult } from '../workflows/definitions';
import type { ActivityDeps } from './scheduled-message-activities';

/**
 * Account emails (password reset, invitations) through the server's email provider — the fake one locally —
 * from its shared sender. The address and link are read now, so history holds ids only.
 */
export function createAccountEmailActivities({ systemPrisma, providers, sharedSenders, logger, appUrl, authSecret }: ActivityDeps) {
  const baseUrl = appUrl ?? 'http://localhost:3000';

  async function openToken(sealedToken: string): Promise<string> {
    try {
      return await symmetricDecrypt({ key: authSecret ?? DEVELOPMENT_AUTH_SECRET, data: sealedToken });
    } catch {
      throw new AppError(ErrorCodes.CONFIG, 'A password-reset token could not be opened: the worker’s HERALD_AUTH_SECRET differs from the API’s.');
    }
  }

  async function compose(input: AccountEmailInput): Promise<{ to: string; email: AccountEmail } | null> {
    if (input.kind === 'password-reset') {
      const reset = await findPasswordResetEmail(systemPrisma, input.verificationId);
      if (!reset) return null;
      const token = await openToken(reset.sealedToken);
      return { to: reset.email, email: passwordResetEmail({ name: reset.name, link: passwordResetLink(baseUrl, token) }) };
    }
    const invitation = await findInvitationEmail(systemPrisma, input.invitationId);
    return (
      invitation && {
        to: invitation.email,
        email: invitationEmail({ ...invitation, link: invitationLink(baseUrl, input.invitationId) }),
      }
    );
  }

  return {
    async sendAccountEmail(input: AccountEmailInput): Promise<AccountEmailResult> {
      const composed = await compose(input);
      if (!composed) {
        logger.info({ kind: input.kind }, 'account email no longer needed');
        return { sent: false };
      }
      try {
        await providers.email.send({
          channel: 'email',
          to: composed.to,
          subject: composed.email.subject,
          body: composed.email.body,
          idempotencyKey: `account-email:${input.kind}:${input.kind === 'password-reset' ? input.verificationId : input.invitationId}`,
          ...(sharedSenders?.email ? { from: sharedSenders.email } : {}),
        });
      } catch (error) {
        if (!isProviderError(error)) throw error;
        throw new AppError(error.kind === 'permanent' ? ErrorCodes.PROVIDER_PERMANENT : ErrorCodes.PROVIDER_TRANSIENT, `The email provider refused an account email: ${error.code}`);
      }
      logger.info({ kind: input.kind }, 'account email sent');
      return { sent: true };
    },
  };
}
