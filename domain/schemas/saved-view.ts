import { z } from 'zod';
import { ContactFilterSchema } from './contact-filter';

const ViewNameSchema = z.string().trim().min(1).max(100).describe('Its name, unique among the tenant’s shared views (or among the member’s own)');

export const CreateSavedViewSchema = z
  .object({
    name: ViewNameSchema,
    filter: ContactFilterSchema,
    personal: z.boolean().default(false).describe('Only the calling member sees it (false: shared with the tenant); an API key has no own views'),
  })
  .strict()
  .describe('A named contact filter');
export type CreateSavedView = z.infer<typeof CreateSavedViewSchema>;

export const UpdateSavedViewSchema = z
  .object({ name: ViewNameSchema.optional(), filter: ContactFilterSchema.optional() })
  .strict()
  .describe('Changes to a saved view');
export type UpdateSavedView = z.infer<typeof UpdateSavedViewSchema>;

export const SavedViewSchema = z
  .object({
    id: z.string().describe('Saved view id (svw_…)'),
    name: z.string().describe('Its name'),
    filter: ContactFilterSchema,
    personal: z.boolean().describe('The calling member’s own (true) or shared with the tenant (false)'),
    createdAt: z.string().describe('When it was made'),
    updatedAt: z.string().describe('When it last changed'),
  })
  .describe('A saved contact list: GET /api/contacts?viewId=… shows it');
export type SavedView = z.infer<typeof SavedViewSchema>;
