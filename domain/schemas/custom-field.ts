import { z } from 'zod';
import { CUSTOM_FIELD_KEY, CUSTOM_FIELD_TYPES, customPropertyProblems, type CustomFieldDefinition } from '../custom-fields';
import { IdSchema } from './common';

export const MAX_SELECT_OPTIONS = 100;

export const CustomFieldTypeSchema = z
  .enum(CUSTOM_FIELD_TYPES)
  .describe('text, number, date (YYYY-MM-DD) or select (one of its options)');

const LabelSchema = z.string().trim().min(1).max(100).describe('What people see, e.g. "Monthly budget"');

const OptionsSchema = z
  .array(z.string().trim().min(1).max(200).describe('One choice'))
  .min(1, 'a select needs at least one option')
  .max(MAX_SELECT_OPTIONS, `at most ${MAX_SELECT_OPTIONS} options`)
  .refine((options) => new Set(options).size === options.length, { message: 'options must differ from each other' })
  .describe(`A select's choices in the order shown, 1–${MAX_SELECT_OPTIONS}, each different`);

export const CreateCustomFieldSchema = z
  .object({
    key: z
      .string()
      .regex(CUSTOM_FIELD_KEY, 'a letter, then letters, digits or _ (at most 64), e.g. monthlyBudget')
      .describe('Name of the value in a contact’s customProperties and in templates ({{custom.<key>}}); cannot change later'),
    label: LabelSchema,
    type: CustomFieldTypeSchema.describe('What a value must be: text, number, date (YYYY-MM-DD) or select (one of options); cannot change later'),
    options: OptionsSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.type === 'select' && !v.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a select field needs its options' });
    if (v.type !== 'select' && v.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only a select field has options' });
  })
  .describe('A new custom field, shown after the tenant’s others');
export type CreateCustomField = z.infer<typeof CreateCustomFieldSchema>;

export const UpdateCustomFieldSchema = z
  .object({ label: LabelSchema.optional(), options: OptionsSchema.optional() })
  .strict()
  .describe('Changes to a custom field: its label, or a select’s options (key and type stay; to change them, delete the field and make another)');
export type UpdateCustomField = z.infer<typeof UpdateCustomFieldSchema>;

export const OrderIdsSchema = z
  .object({
    ids: z
      .array(IdSchema)
      .max(500)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'each id once' })
      .describe('Every one of the tenant’s ids, in the new order'),
  })
  .strict()
  .describe('A new order');

export const CustomFieldViewSchema = z
  .object({
    id: z.string().describe('Custom field id (cfd_…)'),
    key: z.string().describe('Name of the value in customProperties'),
    label: z.string().describe('What people see'),
    type: CustomFieldTypeSchema,
    options: z.array(z.string().describe('A choice')).describe('A select’s choices; empty for other types'),
    position: z.number().int().describe('Place among the tenant’s fields, 0 first'),
    createdAt: z.string().describe('When it was made'),
    updatedAt: z.string().describe('When it last changed'),
  })
  .describe('A custom field of the tenant’s contacts');
export type CustomFieldView = z.infer<typeof CustomFieldViewSchema>;

export const CustomFieldListSchema = z
  .object({ customFields: z.array(CustomFieldViewSchema).describe('In their order') })
  .describe('The tenant’s custom fields');

/**
 * Adds the tenant's custom fields to a schema that carries custom properties (at `at`: a contact's
 * `customProperties`, a lead's `properties`, a quote's `contact.properties`): a value of a defined field that
 * does not fit its type is an issue at `<at>.<key>`, reported like any other validation error.
 */
export function checkCustomProperties(fields: readonly CustomFieldDefinition[], at: readonly string[] = ['customProperties']) {
  return (value: unknown, ctx: z.RefinementCtx) => {
    let properties: unknown = value;
    for (const key of at) properties = properties && typeof properties === 'object' ? (properties as Record<string, unknown>)[key] : undefined;
    if (!properties || typeof properties !== 'object') return;
    for (const problem of customPropertyProblems(fields, properties as Record<string, unknown>)) {
      ctx.addIssue({ code: 'custom', path: [...at, problem.key], message: problem.message });
    }
  };
}
