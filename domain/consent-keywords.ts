/**
 * Carrier-style consent keywords. A message counts only when it is exactly one keyword (trimmed,
 * case-insensitive): "STOP" opts out, "STOP please" is an ordinary message.
 */
export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'] as const;
export const OPT_IN_KEYWORDS = ['START', 'YES', 'UNSTOP'] as const;
export const HELP_KEYWORDS = ['HELP', 'INFO'] as const;

export type ConsentKeyword = 'opt-out' | 'opt-in' | 'help';

export function parseConsentKeyword(body: string): ConsentKeyword | null {
  // Trailing punctuation is common from phone keyboards ("Stop.", "STOP!") and still means the keyword.
  const word = body.trim().replace(/[.!]+$/, '').toUpperCase();
  if (!/^[A-Z]+$/.test(word)) return null;
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return 'opt-out';
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return 'opt-in';
  if ((HELP_KEYWORDS as readonly string[]).includes(word)) return 'help';
  return null;
}

export interface ReplyTenant {
  businessName: string;
  supportContact: string | null;
}

/** The one reply each keyword gets (carrier guidelines: identify the sender, say how to undo it). */
export function complianceReply(keyword: ConsentKeyword, tenant: ReplyTenant): string {
  switch (keyword) {
    case 'opt-out':
      return `${tenant.businessName}: You are unsubscribed and will receive no more messages. Reply START to resubscribe.`;
    case 'opt-in':
      return `${tenant.businessName}: You are subscribed again. Reply HELP for help, STOP to unsubscribe.`;
    case 'help':
      return `${tenant.businessName}: ${tenant.supportContact ? `For help, contact ${tenant.supportContact}.` : 'Reply to this message and we will help.'} Reply STOP to unsubscribe.`;
  }
}
