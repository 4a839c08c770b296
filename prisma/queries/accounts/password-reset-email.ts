import type { SystemPrisma } from '../../client';

/**
 * Keeps the sealed token of a reset Better Auth just stored, beside its row (found by the token's stored, hashed
 * identifier): the row's id, for the email workflow. Null when the row is not there.
 */
export async function keepPasswordResetEmail(prisma: SystemPrisma, storedIdentifier: string, sealedToken: string): Promise<string | null> {
  const row = await prisma.authVerification.findFirst({ where: { identifier: storedIdentifier }, select: { id: true }, orderBy: { createdAt: 'desc' } });
  if (!row) return null;
  await prisma.passwordResetEmail.create({ data: { verificationId: row.id, sealedToken } });
  return row.id;
}

/**
 * What a password-reset email needs, read when it is sent so that neither the address nor the token travels
 * through workflow history: the token still sealed. Null when the token was used or has expired (nothing to send
 * any more).
 */
export async function passwordResetEmail(prisma: SystemPrisma, verificationId: string): Promise<{ sealedToken: string; email: string; name: string } | null> {
  const row = await prisma.authVerification.findUnique({ where: { id: verificationId }, include: { resetEmail: true } });
  if (!row?.resetEmail || row.expiresAt.getTime() <= Date.now()) return null;
  const account = await prisma.authUser.findUnique({ where: { id: row.value }, select: { email: true, name: true } });
  return account ? { sealedToken: row.resetEmail.sealedToken, email: account.email, name: account.name } : null;
}
