import type { Actor } from '../../../domain/audit';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { DEFAULT_SUCCESS_MESSAGE, defaultConsentText } from '../../../domain/lead-form';
import type { CreateLeadForm, UpdateLeadForm } from '../../../domain/schemas/lead-form';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { recordEvent } from '../event-logs/record-event';

const WITH_TOKEN = { ingestToken: { select: { name: true, revokedAt: true } } } as const;

export type LeadFormRow = Prisma.LeadFormGetPayload<{ include: typeof WITH_TOKEN }>;

export function listLeadForms(db: TenantDb): Promise<LeadFormRow[]> {
  return db.leadForm.findMany({ include: WITH_TOKEN, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

export async function getLeadFormOrThrow(db: TenantDb, id: string): Promise<LeadFormRow> {
  const form = await db.leadForm.findFirst({ where: { id }, include: WITH_TOKEN });
  if (!form) throw new AppError(ErrorCodes.NOT_FOUND, `Lead form ${id} not found`, { details: { leadFormId: id } });
  return form;
}

/**
 * A form for an ingest token that is not revoked, one per token; settings left out take their defaults: enabled,
 * any page, the token's name, and consent wording naming the tenant's business. Recorded with who made it.
 */
export async function createLeadForm(db: TenantDb, input: CreateLeadForm, actor: Actor): Promise<LeadFormRow> {
  const token = await db.ingestToken.findFirst({ where: { id: input.ingestTokenId, revokedAt: null }, select: { id: true, name: true } });
  if (!token) throw new AppError(ErrorCodes.NOT_FOUND, `Ingest token ${input.ingestTokenId} not found or revoked`, { details: { ingestTokenId: input.ingestTokenId } });
  const tenant = await db.tenant.findFirstOrThrow({ select: { businessName: true } });
  try {
    const id = await db.$transaction(async (tx) => {
      const form = await tx.leadForm.create({
      data: {
        tenantId: db.$tenantId(),
        ingestTokenId: token.id,
        name: input.name ?? token.name,
        enabled: input.enabled ?? true,
        allowedOrigins: input.allowedOrigins ?? [],
        consentText: input.consentText ?? defaultConsentText(tenant.businessName),
        successMessage: input.successMessage ?? DEFAULT_SUCCESS_MESSAGE,
        defaultCountryCode: input.defaultCountryCode ?? null,
      },
      select: { id: true, name: true },
      });
      await recordEvent(tx, { type: 'lead_form.created', subjectType: 'lead_form', subjectId: form.id, actor, data: { name: form.name, ingestTokenId: token.id } });
      return form.id;
    });
    return getLeadFormOrThrow(db, id);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError(ErrorCodes.CONFLICT, `Ingest token ${token.id} already has a lead form: change that one`, { details: { ingestTokenId: token.id } });
    }
    throw error;
  }
}

/** Changes a form's settings, recorded with who changed them and which fields (never the texts). */
export async function updateLeadForm(db: TenantDb, id: string, change: UpdateLeadForm, actor: Actor): Promise<LeadFormRow> {
  const fields = Object.entries(change).flatMap(([field, value]) => (value === undefined ? [] : [field]));
  await db.$transaction(async (tx) => {
    const { count } = await tx.leadForm.updateMany({ where: { id }, data: { ...change, updatedAt: new Date() } });
    if (count === 0) throw new AppError(ErrorCodes.NOT_FOUND, `Lead form ${id} not found`, { details: { leadFormId: id } });
    await recordEvent(tx, { type: 'lead_form.updated', subjectType: 'lead_form', subjectId: id, actor, data: { fields } });
  });
  return getLeadFormOrThrow(db, id);
}
