import { AppError, ErrorCodes } from '../../../domain/errors';
import type { SystemPrisma } from '../../client';
import { newId } from '../../ids';
import { isUniqueViolation } from '../../postgres-errors';
import { createCredentialAccount } from './create-credential-account';

export interface NewAccountWithTenant {
  name: string;
  email: string;
  /** Already hashed by the authentication library. */
  passwordHash: string;
  businessName: string;
  timeZone?: string | undefined;
}

/**
 * Sign-up: the account, its password, a tenant and the account's owner membership in one transaction, so a
 * failure leaves nothing behind. An email already signed up is a 409.
 */
export async function createAccountWithTenant(prisma: SystemPrisma, input: NewAccountWithTenant) {
  try {
    return await prisma.$transaction(async (tx) => {
      const account = await createCredentialAccount(tx, input);
      const tenantId = newId('ten');
      const tenant = await tx.tenant.create({
        data: { id: tenantId, name: input.businessName, businessName: input.businessName, slug: tenantId, ...(input.timeZone ? { timeZone: input.timeZone } : {}) },
      });
      const member = await tx.member.create({
        data: { tenantId: tenant.id, authUserId: account.id, email: account.email, name: account.name, role: 'owner' },
      });
      return { account, tenant, member };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(ErrorCodes.CONFLICT, 'An account with this email exists already.', { userMessage: 'An account with this email exists already: sign in instead.' });
    }
    throw error;
  }
}
