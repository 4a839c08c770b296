import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';

/**
 * A WhatsApp message whose approved template stands in only when the 24-hour window is closed: the first send
 * attempt decides, and the decision is kept, so every retry sends the same content under the same idempotency
 * key. With the template, the body becomes the template's text (what the contact sees, and what the inbox shows);
 * without it, the template is dropped. Answers whether the template is the one to send (a decision made earlier
 * stands).
 */
export async function pinWindowDecision(db: TenantDb, messageId: string, decision: { useTemplate: boolean; templateBody: string | null }): Promise<boolean> {
  await db.message.updateMany({
    where: { id: messageId, templateOnlyWhenWindowClosed: true },
    data: {
      ...(decision.useTemplate
        ? decision.templateBody !== null
          ? { body: decision.templateBody }
          : {}
        : { templateSid: null, templateVariables: Prisma.DbNull }),
      templateBody: null,
      templateOnlyWhenWindowClosed: false,
      updatedAt: new Date(),
    },
  });
  const row = await db.message.findFirst({ where: { id: messageId }, select: { templateSid: true } });
  return Boolean(row?.templateSid);
}
