import type { TenantTx } from '../../tenant-scope';

export interface LeadFormSubmissionInput {
  formId: string;
  contactId: string;
  newContact: boolean;
  message: string | null;
  pageUrl: string;
  referrer: string | null;
  utm: { source: string | null; medium: string | null; campaign: string | null; term: string | null; content: string | null };
  /** The wording agreed to, when the box was ticked; null otherwise. */
  consentText: string | null;
  consentChannels: Array<'sms' | 'email'>;
}

/** One submission's attribution record: a returning person gets another, nothing is overwritten. */
export function recordLeadFormSubmission(tx: TenantTx, input: LeadFormSubmissionInput) {
  return tx.leadFormSubmission.create({
    data: {
      tenantId: tx.$tenantId(),
      formId: input.formId,
      contactId: input.contactId,
      newContact: input.newContact,
      message: input.message,
      pageUrl: input.pageUrl,
      referrer: input.referrer,
      utmSource: input.utm.source,
      utmMedium: input.utm.medium,
      utmCampaign: input.utm.campaign,
      utmTerm: input.utm.term,
      utmContent: input.utm.content,
      consentGiven: input.consentText !== null,
      consentText: input.consentText,
      consentChannels: input.consentChannels,
    },
    select: { id: true },
  });
}
