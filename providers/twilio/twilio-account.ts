import type twilio from 'twilio';

export interface AccountRestrictions {
  trial: boolean;
  /** A trial account's verified caller IDs (E.164): the only numbers it may text. */
  verifiedNumbers: ReadonlySet<string>;
}

/** Reads whether the account is a trial and, if so, the numbers it may text (bounded: trial accounts verify a handful). */
export async function readAccountRestrictions(client: twilio.Twilio): Promise<AccountRestrictions> {
  const account = await client.api.v2010.account.fetch();
  if (account.type !== 'Trial') return { trial: false, verifiedNumbers: new Set() };
  const callerIds = await client.api.v2010.account.outgoingCallerIds.list({ limit: 1000 });
  return { trial: true, verifiedNumbers: new Set(callerIds.flatMap((c) => (c.phoneNumber ? [c.phoneNumber] : []))) };
}

/**
 * An account's restrictions, kept for a few minutes: an upgrade or a newly verified number should be noticed
 * soon, but not cost two extra calls per send. Concurrent sends share one read; a failed read is not kept.
 */
export class AccountRestrictionsCache {
  private entry: { until: number; value: Promise<AccountRestrictions> } | null = null;

  constructor(private readonly ttlMs: number) {}

  get(read: () => Promise<AccountRestrictions>, now = Date.now()): Promise<AccountRestrictions> {
    if (this.entry && this.entry.until > now) return this.entry.value;
    const entry = { until: now + this.ttlMs, value: read() };
    this.entry = entry;
    entry.value.catch(() => {
      if (this.entry === entry) this.entry = null;
    });
    return entry.value;
  }
}
