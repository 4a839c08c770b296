import type { PrismaClient } from '../../client';

/** Bounce or complaint on an email: that contact's email consent goes off. Found by the provider's id. */
export async function revokeEmailConsentForMessage(prisma: PrismaClient, providerMessageId: string, at: Date) {
  const message = await prisma.message.findUnique({ where: { providerMessageId }, select: { tenantId: true, contactId: true } });
  if (!message) return null;
  await prisma.contact.updateMany({
    where: { tenantId: message.tenantId, id: message.contactId },
    data: { emailConsent: 'revoked', emailConsentAt: at },
  });
  return message;
}
