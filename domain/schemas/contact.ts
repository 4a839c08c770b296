import { z } from 'zod';
import { isE164, normalizePhone } from '../phone';
import { TimeZoneSchema } from './time-zone';

export const CreateContactSchema = z
  .object({
    firstName: z.string().trim().min(1).max(200).optional(),
    lastName: z.string().trim().min(1).max(200).optional(),
    phone: z
      .string()
      .max(40)
      .transform((value, ctx) => {
        const normalized = normalizePhone(value);
        if (!normalized) {
          ctx.addIssue({ code: 'custom', message: `"${value}" is not an international phone number (e.g. +14155550100)` });
          return z.NEVER;
        }
        return normalized;
      })
      .optional()
      .describe('Phone number in international form; stored as E.164'),
    email: z.email().max(320).transform((v) => v.toLowerCase()).optional(),
    timeZone: TimeZoneSchema.optional(),
    customProperties: z.record(z.string(), z.unknown()).optional(),
    source: z.string().max(200).optional(),
  })
  .strict()
  .refine((v) => v.phone !== undefined || v.email !== undefined, {
    message: 'a contact needs a phone number or an email',
  });
export type CreateContact = z.infer<typeof CreateContactSchema>;

export const ContactViewSchema = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().refine(isE164).nullable(),
  email: z.string().nullable(),
  timeZone: z.string().nullable(),
  customProperties: z.record(z.string(), z.unknown()),
  consent: z.object({
    sms: z.enum(['unknown', 'granted', 'revoked']),
    whatsapp: z.enum(['unknown', 'granted', 'revoked']),
    email: z.enum(['unknown', 'granted', 'revoked']),
  }),
  source: z.string().nullable(),
  createdAt: z.string(),
});
export type ContactView = z.infer<typeof ContactViewSchema>;
