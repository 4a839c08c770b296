import type { SystemPrisma } from '../../client';

const PREFIX = 'reset-password:';

/** The reset token Better Auth just stored (its identifier carries the token), by token: its row id. */
export async function findPasswordResetId(prisma: SystemPrisma, token: string): Promise<string | null> {
  const row = await prisma.authVerification.findFirst({ where: { identifier: `${PREFIX}${token}` }, select: { id: true } });
  return row?.id ?? null;
}

/**
 * What a password-reset email needs, read when it is sent so that neither the address nor the token travels
 * through workflow history. Null when the token was used or has expired (nothing to send any more).
 */
export async function passwordResetEmail(prisma: SystemPrisma, verificationId: string): Promise<{ token: string; email: string; name: string } | null> {
  const row = await prisma.authVerification.findUnique({ where: { id: verificationId } });
  if (!row?.identifier.startsWith(PREFIX) || row.expiresAt.getTime() <= Date.now()) return null;
  const account = await prisma.authUser.findUnique({ where: { id: row.value }, select: { email: true, name: true } });
  return account ? { token: row.identifier.slice(PREFIX.length), email: account.email, name: account.name } : null;
}
