import { z } from 'zod';
import { normalizeOrigin, pageWithoutQuery } from '../lead-form';
import { isE164, normalizePhone } from '../phone';
import { IdSchema } from './common';

// The embeddable lead form: what a web page posts (JSON from the script, or form-encoded from a plain HTML form,
// where every value is text and a blank field is ""), what the script reads to draw the form, and the routes the
// settings page uses to configure a form and see the leads it brought in.

/** The largest client timestamp taken (milliseconds since 1970): far beyond any real clock, short of Date's limit. */
const MAX_EPOCH_MS = 1e15;

/**
 * A field a form may leave blank: "" reads as not given. (A pipe rather than a union with "", so the field's own
 * message reaches the page instead of a union's "Invalid input".)
 */
function blankable<T extends z.ZodType<unknown, string>>(schema: T) {
  return z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(schema.optional());
}

const epochMs = (what: string) =>
  z
    .union([
      z.number({ error: `${what}: milliseconds since 1970` }).int().min(0).max(MAX_EPOCH_MS),
      z.string().regex(/^\d{1,15}$/, `${what}: milliseconds since 1970`).transform(Number),
    ], { error: `${what} is missing: the form's script sets it (milliseconds since 1970)` })
    .describe(`${what}, by the visitor's clock, in milliseconds since 1970 (the script sets it)`);

const httpUrl = (what: string) =>
  z
    .string({ error: `${what} is missing` })
    .max(2048, `${what} is at most 2,048 characters`)
    .transform((value, ctx) => pageWithoutQuery(value) ?? (ctx.addIssue({ code: 'custom', message: `${what} is not an http(s) URL` }), z.NEVER));

const checkbox = z
  .union([z.boolean(), z.enum(['on', 'true', 'false', '1', '0', ''])], { error: 'consent is a checkbox: true or false ("on" from an HTML form)' })
  .optional()
  .transform((value) => value === true || value === 'on' || value === 'true' || value === '1');

const utm = (name: string) => blankable(z.string().trim().max(200, `${name} is at most 200 characters`)).describe(`The page's ${name} parameter`);

/**
 * A submission of the form. `defaultCountryCode` (the form's) lets people type a national number; without it a
 * number needs its country code. Unknown fields are refused.
 */
export function leadFormSubmissionSchema(defaultCountryCode?: string | null) {
  return z
    .object({
      name: z
        .string({ error: 'Enter your name.' })
        .trim()
        .min(1, 'Enter your name.')
        .max(200, 'Your name is at most 200 characters.')
        .describe('The person’s name; the first word becomes the contact’s first name, the rest the last name'),
      email: blankable(
        z
          .string()
          .trim()
          .max(320, 'The email address is at most 320 characters.')
          .pipe(z.email('Enter a valid email address, like name@example.com.'))
          .transform((v) => v.toLowerCase()),
      ).describe('Email address; stored lower-cased'),
      phone: blankable(
        z
          .string()
          .max(40, 'The phone number is at most 40 characters.')
          .transform((value, ctx) => {
            const normalized = normalizePhone(value, defaultCountryCode ?? undefined);
            if (normalized && isE164(normalized)) return normalized;
            ctx.addIssue({
              code: 'custom',
              message: defaultCountryCode
                ? 'Enter a valid phone number.'
                : 'Enter a valid phone number with its country code, like +1 415 555 0100.',
            });
            return z.NEVER;
          }),
      ).describe('Phone number; stored as E.164 (national numbers take the form’s default country code)'),
      message: blankable(z.string().trim().max(5000, 'The message is at most 5,000 characters.')).describe('What the person wrote'),
      consent: checkbox.describe('Whether the person ticked the consent box: texts and emails about the enquiry'),
      consentText: blankable(z.string().max(1000)).describe('The consent wording the person saw (required when consent is given; it must be the form’s current wording)'),
      website: z.string().max(2000).optional().describe('Leave empty: a field people do not see; a filled one marks a bot, whose submission is answered as accepted and dropped'),
      renderedAt: epochMs('renderedAt'),
      submittedAt: epochMs('submittedAt'),
      pageUrl: httpUrl('pageUrl').describe('The page the form is on (kept without its query and fragment)'),
      referrer: blankable(httpUrl('referrer')).describe('The page that led to it (document.referrer; kept without its query and fragment)'),
      utm_source: utm('utm_source'),
      utm_medium: utm('utm_medium'),
      utm_campaign: utm('utm_campaign'),
      utm_term: utm('utm_term'),
      utm_content: utm('utm_content'),
    })
    .strict()
    .superRefine((value, ctx) => {
      if (value.phone === undefined && value.email === undefined) {
        ctx.addIssue({ code: 'custom', path: [], message: 'Give a phone number or an email address so we can reach you.' });
      }
      if (value.consent && value.consentText === undefined) {
        ctx.addIssue({ code: 'custom', path: ['consentText'], message: 'consentText is missing: send the consent wording the person saw' });
      }
    })
    .describe('A lead from the embeddable form: a name, and a phone number or an email (or both)');
}

/** The submission as documented (a form without a default country code). */
export const LeadFormSubmissionSchema = leadFormSubmissionSchema();
export type LeadFormSubmission = z.output<typeof LeadFormSubmissionSchema>;

export const LeadFormParamsSchema = z.object({ formId: IdSchema.describe('The form’s public id (lfm_…), from its snippet') }).strict();

export const LeadFormSubmitHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('A submission id the script makes once per drawn form: a double click or a retry creates one lead. Without it every post counts.'),
});

export const LeadFormReceivedSchema = z
  .object({
    received: z.literal(true).describe('Always true: the submission was taken'),
    message: z.string().describe('The form’s thank-you message'),
  })
  .describe('Taken (the answer does not say whether the person was already known)');

export const PublicLeadFormViewSchema = z
  .object({
    leadForm: z
      .object({
        id: z.string().describe('The form’s public id'),
        consentText: z.string().describe('The wording beside the consent checkbox; send it back as consentText'),
        successMessage: z.string().describe('What to show once the submission is taken'),
      })
      .describe('What the script needs to draw the form'),
  })
  .describe('A form, as a web page sees it');

// ── Settings ────────────────────────────────────────────────────────────────────────────────────────────

export const AllowedOriginSchema = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const origin = normalizeOrigin(value);
    if (origin) return origin;
    ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 200)}" is not a web origin: scheme and host (and port), like https://www.example.com, without a path` });
    return z.NEVER;
  })
  .describe('A web origin, like https://www.example.com');

const formSettings = {
  name: z.string().trim().min(1).max(100).describe('What the form is, e.g. "Website contact form"'),
  enabled: z.boolean().describe('Whether it takes submissions (a disabled form answers 403)'),
  allowedOrigins: z
    .array(AllowedOriginSchema)
    .max(50)
    .transform((origins) => [...new Set(origins)])
    .describe('Pages (origins) that may use it; empty: any page'),
  consentText: z.string().trim().min(1).max(1000).describe('The wording beside the consent checkbox, recorded with each consent'),
  successMessage: z.string().trim().min(1).max(500).describe('What a person sees once their submission is taken'),
  defaultCountryCode: z
    .string()
    .regex(/^\+?\d{1,3}$/, 'a country calling code, like 1 or 44')
    .transform((v) => v.replace(/^\+/, ''))
    .nullable()
    .describe('Country calling code for phone numbers typed without one (e.g. 44); null: people must type it'),
};

const LeadFormSettingsSchema = z.object(formSettings);

export const CreateLeadFormSchema = LeadFormSettingsSchema.partial()
  .extend({ ingestTokenId: IdSchema.describe('The ingest token the form belongs to (ing_…): revoking it ends the form') })
  .strict()
  .describe('A lead form for an ingest token; unset settings take their defaults (enabled, any page, the standard wording)');
export type CreateLeadForm = z.output<typeof CreateLeadFormSchema>;

export const UpdateLeadFormSchema = LeadFormSettingsSchema.partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'change at least one setting' })
  .describe('New settings; those left out stay as they are');
export type UpdateLeadForm = z.output<typeof UpdateLeadFormSchema>;

export const LeadFormViewSchema = z
  .object({
    id: z.string().describe('The form’s public id (lfm_…)'),
    ingestTokenId: z.string().describe('Its ingest token'),
    ingestTokenName: z.string().describe('Its ingest token’s name'),
    ingestTokenRevoked: z.boolean().describe('Whether the token was revoked (the form then takes nothing)'),
    name: z.string().describe('What the form is'),
    enabled: z.boolean().describe('Whether it takes submissions'),
    allowedOrigins: z.array(z.string().describe('An origin')).describe('Pages that may use it; empty: any page'),
    consentText: z.string().describe('The consent wording'),
    successMessage: z.string().describe('The thank-you message'),
    defaultCountryCode: z.string().nullable().describe('Country calling code for national numbers'),
    snippet: z.string().describe('The HTML to paste where the form should appear'),
    scriptUrl: z.string().describe('Where the embed script is served'),
    submitUrl: z.string().describe('Where submissions go (for a plain HTML form)'),
    createdAt: z.string().describe('When it was made'),
    updatedAt: z.string().describe('When its settings last changed'),
  })
  .describe('A lead form and the snippet that embeds it');
export type LeadFormView = z.infer<typeof LeadFormViewSchema>;

export const ListLeadFormLeadsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50).describe('Page size, 1–100'),
    cursor: IdSchema.optional().describe('nextCursor of the previous page'),
    utmSource: z.string().max(200).optional().describe('Only leads with this utm_source'),
    utmCampaign: z.string().max(200).optional().describe('Only leads with this utm_campaign'),
  })
  .strict();

const count = (what: string) =>
  z
    .array(
      z
        .object({
          value: z.string().nullable().describe(`The ${what} (null: none given)`),
          submissions: z.number().int().describe('Submissions with it'),
        })
        .describe(`Submissions of one ${what}`),
    )
    .describe(`Submissions per ${what}, most first (at most 20)`);

export const LeadFormLeadViewSchema = z
  .object({
    id: z.string().describe('The submission (lfs_…)'),
    contact: z
      .object({
        id: z.string().describe('Contact id'),
        firstName: z.string().nullable().describe('First name'),
        lastName: z.string().nullable().describe('Last name'),
        phone: z.string().nullable().describe('Phone, E.164'),
        email: z.string().nullable().describe('Email'),
      })
      .describe('The contact it went to'),
    newContact: z.boolean().describe('Whether this submission made the contact (else it matched one)'),
    message: z.string().nullable().describe('What the person wrote'),
    pageUrl: z.string().describe('The page, without query and fragment'),
    referrer: z.string().nullable().describe('The page before it, without query and fragment'),
    utm: z
      .object({
        source: z.string().nullable().describe('utm_source'),
        medium: z.string().nullable().describe('utm_medium'),
        campaign: z.string().nullable().describe('utm_campaign'),
        term: z.string().nullable().describe('utm_term'),
        content: z.string().nullable().describe('utm_content'),
      })
      .describe('The page’s UTM parameters'),
    consent: z
      .object({
        given: z.boolean().describe('Whether the box was ticked'),
        text: z.string().nullable().describe('The wording the person agreed to'),
        channels: z.array(z.enum(['sms', 'email']).describe('A channel')).describe('Channels whose consent it granted (an earlier opt-out is never overridden)'),
      })
      .describe('Consent given with the submission'),
    createdAt: z.string().describe('When it came in'),
  })
  .describe('One submission of the form');

export const LeadFormLeadsViewSchema = z
  .object({
    leads: z.array(LeadFormLeadViewSchema).describe('Newest first'),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
    counts: z
      .object({
        submissions: z.number().int().describe('Submissions in all (the filters apply)'),
        contacts: z.number().int().describe('Distinct contacts among them'),
        bySource: count('utm_source'),
        byCampaign: count('utm_campaign'),
      })
      .describe('Totals over every page'),
  })
  .describe('The leads a form brought in');
