import type { SystemPrisma } from '../../client';

export interface PublicLeadForm {
  id: string;
  tenantId: string;
  name: string;
  enabled: boolean;
  allowedOrigins: string[];
  consentText: string;
  successMessage: string;
  defaultCountryCode: string | null;
  /** The tenant's limit per ingest token, which each form's own bucket follows too. */
  ingestRatePerMinute: number;
}

/**
 * A form by its public id, from a web page that names no tenant: like an ingest token, a lookup across tenants.
 * A form whose token was revoked does not exist for the page.
 */
export async function findPublicLeadForm(prisma: SystemPrisma, id: string): Promise<PublicLeadForm | null> {
  const row = await prisma.leadForm.findUnique({
    where: { id },
    include: { ingestToken: { select: { revokedAt: true } }, tenant: { select: { ingestRatePerMinute: true } } },
  });
  if (!row || row.ingestToken.revokedAt) return null;
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    enabled: row.enabled,
    allowedOrigins: row.allowedOrigins,
    consentText: row.consentText,
    successMessage: row.successMessage,
    defaultCountryCode: row.defaultCountryCode,
    ingestRatePerMinute: row.tenant.ingestRatePerMinute,
  };
}
