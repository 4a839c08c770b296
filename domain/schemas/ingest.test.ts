import { describe, expect, it } from 'vitest';
import { IngestLeadSchema, IngestQuoteSchema } from './ingest';

describe('IngestLeadSchema time zones', () => {
  it('stores a lead’s time zone under its canonical IANA name, also on a quote’s contact', () => {
    expect(IngestLeadSchema.parse({ email: 'a@b.co', timeZone: 'europe/kiev' }).timeZone).toBe('Europe/Kyiv');
    expect(IngestQuoteSchema.parse({ contact: { email: 'a@b.co', timeZone: 'US/Central' }, total: 10 }).contact.timeZone).toBe('America/Chicago');
  });
  it('refuses a zone that does not exist, naming the field', () => {
    expect(IngestLeadSchema.safeParse({ email: 'a@b.co', timeZone: 'Europe/Atlantis' }).error?.issues[0]).toMatchObject({
      path: ['timeZone'],
      message: '"Europe/Atlantis" is not an IANA time zone (e.g. America/New_York)',
    });
  });
});
