import { z } from 'zod';

export const TenantViewSchema = z
  .object({
    id: z.string().describe('Tenant id (ten_…)'),
    name: z.string().describe('Tenant name'),
    businessName: z.string().describe('Business name shown to contacts'),
    supportContact: z.string().nullable().describe('How contacts reach the business'),
    timeZone: z.string().describe('The tenant’s IANA time zone; contacts without one use it'),
    quietHours: z
      .object({ start: z.string().describe('Start, HH:MM local'), end: z.string().describe('End, HH:MM local') })
      .nullable()
      .describe('When nothing is sent, in the contact’s time zone; null: any time'),
    temporalRunsUrl: z.string().describe('Temporal Web, filtered to this tenant’s runs'),
  })
  .describe('The tenant the API key belongs to');
export type TenantView = z.infer<typeof TenantViewSchema>;
