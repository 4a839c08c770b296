import { z } from 'zod';

export const TenantViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  businessName: z.string(),
  supportContact: z.string().nullable(),
  timeZone: z.string(),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  temporalRunsUrl: z.string().describe('Temporal Web, filtered to this tenant’s runs'),
});
export type TenantView = z.infer<typeof TenantViewSchema>;
