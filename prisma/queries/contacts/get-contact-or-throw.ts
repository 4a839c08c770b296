import { AppError, ErrorCodes } from '../../../domain/errors';
import type { TenantTx } from '../../tenant-scope';

/** The contact a merged contact's id now stands for; null when the id was never merged. */
export async function mergedInto(db: TenantTx, contactId: string): Promise<string | null> {
  const merge = await db.contactMerge.findFirst({ where: { mergedContactId: contactId }, select: { intoContactId: true } });
  return merge?.intoContactId ?? null;
}

/** A 404 for a contact id; for a merged one, naming the contact it went into. */
export async function contactNotFound(db: TenantTx, contactId: string): Promise<AppError> {
  const into = await mergedInto(db, contactId);
  return into
    ? new AppError(ErrorCodes.NOT_FOUND, `Contact ${contactId} was merged into ${into}`, { details: { contactId, mergedIntoId: into } })
    : new AppError(ErrorCodes.NOT_FOUND, `Contact ${contactId} not found`, { details: { contactId } });
}

/** The contact with this id. A merged id is a 404 that says where it went (the API's answer; see getCurrentContactOrThrow). */
export async function getContactOrThrow(db: TenantTx, contactId: string) {
  const contact = await db.contact.findFirst({ where: { id: contactId } });
  if (!contact) throw await contactNotFound(db, contactId);
  return contact;
}

/**
 * The contact an id stands for now: itself, or — for an id merged into another — the contact kept. For work that
 * was started with an id and outlives a merge: a workflow's input (an enrollment, an inbound message).
 */
export async function getCurrentContactOrThrow(db: TenantTx, contactId: string) {
  const contact = await db.contact.findFirst({ where: { id: contactId } });
  if (contact) return contact;
  const into = await mergedInto(db, contactId);
  if (into) {
    const kept = await db.contact.findFirst({ where: { id: into } });
    if (kept) return kept;
  }
  throw new AppError(ErrorCodes.NOT_FOUND, `Contact ${contactId} not found`, { details: { contactId } });
}

/** The id a contact id stands for now: itself, or the contact it was merged into. */
export async function currentContactId(db: TenantTx, contactId: string): Promise<string> {
  return (await mergedInto(db, contactId)) ?? contactId;
}
