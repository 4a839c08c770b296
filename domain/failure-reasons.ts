/**
 * Why a message failed, in words an agent can act on, from the error code stored on it: a provider's delivery
 * error (Twilio's numeric codes arrive in status callbacks after the send was accepted) or one of Herald's own
 * codes. Send-time provider refusals already carry an explanation written beside their adapter (stored as the
 * message's error text), which is the fallback for codes this table does not know.
 */
const REASONS: Record<string, string> = {
  // Twilio delivery errors (status callbacks).
  '30001': 'The carrier queue overflowed; the message was not delivered. Try again later.',
  '30002': 'The Twilio account was suspended, so the message was not delivered.',
  '30003': 'The phone was unreachable (switched off or out of coverage) and the carrier gave up.',
  '30004': 'The recipient blocked messages from this sender.',
  '30005': 'The number does not exist or is no longer in service.',
  '30006': 'The number is a landline or cannot receive text messages.',
  '30007': 'The carrier filtered the message as spam.',
  '30008': 'The carrier could not deliver it and gave no reason.',
  '30034': 'The sender number is not registered for A2P 10DLC messaging in the US, so carriers blocked it.',
  '63016': 'Outside WhatsApp’s 24-hour window: the contact has not written in 24 hours, so only an approved template can be sent.',
  '63024': 'The recipient is not on WhatsApp (or the number is invalid for WhatsApp).',
  // Twilio send-time refusals (the explanation is stored too; these keep the words even without it).
  '21211': 'The phone number is not valid: check the contact’s number.',
  '21610': 'The contact replied STOP and is unsubscribed; they must text START to receive messages again.',
  '21614': 'The number is not a mobile number (probably a landline) and cannot receive SMS.',
  // Herald's own codes.
  CONSENT_REVOKED: 'The contact opted out of this channel, so it was not sent.',
  WHATSAPP_WINDOW_CLOSED: 'Outside WhatsApp’s 24-hour window: only an approved template can be sent until the contact writes again.',
  CONTACT_UNREACHABLE: 'The contact has no phone number or email address for this channel.',
  SEND_RETRIES_EXHAUSTED: 'The provider could not be reached after repeated attempts; nothing was sent.',
  COMPLIANCE_REPLY_LIMIT: 'Today’s limit of automatic STOP/START/HELP replies to this contact was reached.',
  NO_SENDER: 'No sender number or address is set up for this channel.',
  CONFIG: 'The provider account is not set up correctly; an admin needs to check the provider settings.',
  TRIAL_UNVERIFIED_NUMBER: 'The Twilio trial account can only text numbers verified in the Twilio console.',
  BOUNCED: 'The email bounced; the address no longer receives email from us.',
  FAILED: 'The provider could not deliver it.',
  CANCELLED: 'It was cancelled before it was sent.',
};

/** The reason in plain words, or null when the message has no error. */
export function failureReason(errorCode: string | null, errorMessage: string | null): string | null {
  if (!errorCode && !errorMessage) return null;
  const known = errorCode ? REASONS[errorCode] : undefined;
  if (known) return known;
  if (errorMessage) return errorMessage;
  return `The provider reported error ${errorCode}.`;
}
