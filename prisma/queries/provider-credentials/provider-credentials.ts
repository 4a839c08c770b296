import type { Actor } from '../../../domain/audit';
import type { SystemPrisma } from '../../client';
import type { TenantDb, TenantTx } from '../../tenant-scope';
import { recordEvent } from '../event-logs/record-event';

export type CredentialProvider = 'twilio' | 'resend';

/** What is stored of a tenant's own provider account: the non-secret part in the clear, the secret sealed. */
export interface ProviderCredentialsInput {
  accountSid: string | null;
  keyLast4: string | null;
  hasWebhookSecret: boolean;
  sealed: { keyId: string; iv: Uint8Array; authTag: Uint8Array; ciphertext: Uint8Array };
}

export function getProviderCredentials(db: TenantTx, provider: CredentialProvider) {
  return db.providerCredential.findFirst({ where: { provider } });
}

export function listProviderCredentials(db: TenantTx) {
  return db.providerCredential.findMany({ orderBy: { provider: 'asc' } });
}

/** Whether the tenant has its own account at this provider (nothing is opened). */
export async function hasProviderCredentials(db: TenantTx, provider: CredentialProvider): Promise<boolean> {
  return (await db.providerCredential.count({ where: { provider } })) > 0;
}

/** Stores (or replaces) the tenant's account at a provider, recorded with who did it (never the secret, nor part of it). */
export async function saveProviderCredentials(db: TenantDb, provider: CredentialProvider, input: ProviderCredentialsInput, actor: Actor) {
  const tenantId = db.$tenantId();
  const data = {
    accountSid: input.accountSid,
    keyLast4: input.keyLast4,
    hasWebhookSecret: input.hasWebhookSecret,
    keyId: input.sealed.keyId,
    // Prisma's Bytes are plain Uint8Arrays over their own ArrayBuffer.
    iv: new Uint8Array(input.sealed.iv),
    authTag: new Uint8Array(input.sealed.authTag),
    ciphertext: new Uint8Array(input.sealed.ciphertext),
  };
  const [saved] = await db.$transaction([
    db.providerCredential.upsert({
      where: { tenantId_provider: { tenantId, provider } },
      create: { tenantId, provider, ...data },
      update: { ...data, updatedAt: new Date() },
    }),
    recordEvent(db, { type: 'provider_credentials.saved', subjectType: 'provider_credentials', subjectId: provider, actor, data: input.accountSid ? { accountSid: input.accountSid } : {} }),
  ]);
  return saved;
}

/** True when there was something to delete; recorded with who did it. */
export async function deleteProviderCredentials(db: TenantDb, provider: CredentialProvider, actor: Actor): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.providerCredential.deleteMany({ where: { provider } });
    if (count > 0) await recordEvent(tx, { type: 'provider_credentials.removed', subjectType: 'provider_credentials', subjectId: provider, actor });
    return count > 0;
  });
}

/**
 * The keys that sealed the stored secrets, across tenants: the API and the worker check at start that
 * HERALD_SECRETS_KEY opens them all.
 */
export async function listCredentialKeyIds(prisma: SystemPrisma): Promise<string[]> {
  const rows = await prisma.providerCredential.findMany({ distinct: ['keyId'], select: { keyId: true } });
  return rows.map((r) => r.keyId);
}
