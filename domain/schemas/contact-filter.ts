import { z } from 'zod';
import { CHANNELS } from '../channels';
import { isCalendarDate } from '../custom-fields';
import { IdSchema, IsoInstantSchema } from './common';

/**
 * Which contacts a list, the board or a saved view shows. Every part narrows (they combine with AND); values of
 * custom fields are compared by the field's type, so a condition must fit it (text: equals or contains; number
 * and date: range; select: oneOf) — checked against the tenant's fields when the filter is used.
 */
const FieldKeySchema = z.string().min(1).max(100).describe('The custom field’s key');
const DateSchema = z.string().refine(isCalendarDate, 'a date, YYYY-MM-DD').describe('A date, YYYY-MM-DD');
const BoundSchema = z.union([z.number().describe('For a number field'), DateSchema.describe('For a date field')]).describe('A number (number fields) or a date YYYY-MM-DD (date fields)');

export const FieldConditionSchema = z
  .discriminatedUnion('op', [
    z
      .object({ key: FieldKeySchema, op: z.literal('equals').describe('Text equal to value (exactly)'), value: z.string().min(1).max(2000).describe('The text') })
      .strict()
      .describe('A text field equal to a value'),
    z
      .object({ key: FieldKeySchema, op: z.literal('contains').describe('Text containing value (any case)'), value: z.string().min(1).max(200).describe('The part to find') })
      .strict()
      .describe('A text field containing a value'),
    z
      .object({
        key: FieldKeySchema,
        op: z.literal('range').describe('A number or date between min and max, both included'),
        min: BoundSchema.optional(),
        max: BoundSchema.optional(),
      })
      .strict()
      .refine((v) => v.min !== undefined || v.max !== undefined, { message: 'give min, max or both' })
      .describe('A number or date field within bounds'),
    z
      .object({
        key: FieldKeySchema,
        op: z.literal('oneOf').describe('A select field set to one of values'),
        values: z.array(z.string().min(1).max(200).describe('An option')).min(1).max(50).describe('The options, any of which matches'),
      })
      .strict()
      .describe('A select field set to one of some options'),
  ])
  .describe('A condition on a custom field');
export type FieldCondition = z.infer<typeof FieldConditionSchema>;

const ConsentStatusesSchema = z.array(z.enum(['unknown', 'granted', 'revoked']).describe('A consent state')).min(1).max(3).describe('Any of these states');

export const ContactFilterSchema = z
  .object({
    q: z.string().trim().min(1).max(200).optional().describe('Search: name, phone (digits match however typed) or email, anywhere in them'),
    stageIds: z
      .array(IdSchema.nullable().describe('A stage id, or null for contacts in no stage'))
      .min(1)
      .max(50)
      .optional()
      .describe('Contacts in any of these pipeline stages (null: in none)'),
    consent: z
      .object(Object.fromEntries(CHANNELS.map((c) => [c, ConsentStatusesSchema.optional()])) as Record<(typeof CHANNELS)[number], z.ZodOptional<typeof ConsentStatusesSchema>>)
      .strict()
      .optional()
      .describe('Consent per channel, e.g. {"sms":["granted"]}'),
    createdFrom: IsoInstantSchema.optional().describe('Created at or after this instant'),
    createdBefore: IsoInstantSchema.optional().describe('Created before this instant'),
    fields: z.array(FieldConditionSchema).max(20).optional().describe('Conditions on custom fields, all of which must hold'),
  })
  .strict()
  .describe('Which contacts: every part given must hold');
export type ContactFilter = z.infer<typeof ContactFilterSchema>;

/** A filter in a query string: its JSON. */
export const FILTER_PARAM_DESCRIPTION =
  'A filter as URL-encoded JSON (ContactFilter): {"q","stageIds","consent","createdFrom","createdBefore","fields":[{"key","op":"equals"|"contains"|"range"|"oneOf","value"|"min"|"max"|"values"}]}';

export const ContactFilterParamSchema = z
  .string()
  .max(8000)
  .describe(FILTER_PARAM_DESCRIPTION)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON: pass the filter as URL-encoded JSON, e.g. {"stageIds":["stg_…"]}' });
      return z.NEVER;
    }
  })
  .pipe(ContactFilterSchema)
  .describe(FILTER_PARAM_DESCRIPTION);
