import type { Prisma } from '../../client';
import { newId } from '../../ids';

/**
 * An account that signs in with email and password, as Better Auth stores one: the person (auth_users) and the
 * credential (auth_accounts, provider `credential`, account id = user id). Inside the caller's transaction.
 */
export async function createCredentialAccount(tx: Prisma.TransactionClient, input: { name: string; email: string; passwordHash: string }) {
  const id = newId('acc');
  const account = await tx.authUser.create({ data: { id, name: input.name, email: input.email.toLowerCase() } });
  await tx.authAccount.create({ data: { id: newId('cred'), userId: id, accountId: id, providerId: 'credential', password: input.passwordHash } });
  return account;
}
