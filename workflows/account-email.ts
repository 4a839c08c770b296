import { sendActivities } from './activity-proxies';
import type { AccountEmailInput, AccountEmailResult } from './definitions';

/**
 * A password-reset or invitation email. A workflow rather than a call in the request, like every message Herald
 * sends: it is retried through a provider outage, and its id (one per token or invitation) makes it go out once.
 */
export async function sendAccountEmailWorkflow(input: AccountEmailInput): Promise<AccountEmailResult> {
  return sendActivities.sendAccountEmail(input);
}
