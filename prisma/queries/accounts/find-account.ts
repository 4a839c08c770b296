import type { SystemPrisma } from '../../client';

/** An account by its (lower-cased) email, or null. */
export function findAccountByEmail(prisma: SystemPrisma, email: string) {
  return prisma.authUser.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, name: true, email: true } });
}

/** An account by id, or null. */
export function findAccountById(prisma: SystemPrisma, id: string) {
  return prisma.authUser.findUnique({ where: { id }, select: { id: true, name: true, email: true } });
}

/** The stored hash of an account's password, or null when it signs in another way. */
export async function findPasswordHash(prisma: SystemPrisma, authUserId: string): Promise<string | null> {
  const row = await prisma.authAccount.findFirst({ where: { userId: authUserId, providerId: 'credential' }, select: { password: true } });
  return row?.password ?? null;
}
