import { z } from 'zod';
import { isE164, normalizePhone } from '../phone';
import { TimeZoneSchema } from './time-zone';
import { CustomPropertiesSchema, IdSchema } from './common';
import { ContactFilterParamSchema, FILTER_PARAM_DESCRIPTION } from './contact-filter';

/** A phone number in any international form, normalised to E.164 by domain/phone. */
export const PhoneSchema = z
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
  .describe('Phone number in international form; stored as E.164');

export const EmailSchema = z.email().max(320).transform((v) => v.toLowerCase()).describe('Email address; stored lower-cased');

export const CreateContactSchema = z
  .object({
    firstName: z.string().trim().min(1).max(200).optional().describe('First name'),
    lastName: z.string().trim().min(1).max(200).optional().describe('Last name'),
    phone: PhoneSchema.optional().describe('Phone number in international form; stored as E.164'),
    email: EmailSchema.optional().describe('Email address; stored lower-cased'),
    timeZone: TimeZoneSchema.optional().describe('IANA time zone of the contact, e.g. America/New_York; sends respect quiet hours there'),
    customProperties: CustomPropertiesSchema.optional(),
    source: z.string().max(200).optional().describe('Where the contact came from; default "api"'),
    stageId: IdSchema.optional().describe('The pipeline stage it starts in (stg_…); none when omitted'),
  })
  .strict()
  .refine((v) => v.phone !== undefined || v.email !== undefined, {
    message: 'a contact needs a phone number or an email',
  })
  .describe('A new contact: a phone number or an email, or both');
export type CreateContact = z.infer<typeof CreateContactSchema>;

/** Which contacts a list or the board shows: a saved view, a filter, or neither (everyone); q searches on top. */
const ListSelectionSchema = {
  q: z.string().trim().min(1).max(200).optional().describe('Search name, phone (digits match however typed) or email; replaces the filter’s or view’s q'),
  filter: ContactFilterParamSchema.optional().describe(FILTER_PARAM_DESCRIPTION),
  viewId: IdSchema.optional().describe('A saved view whose filter to use (svw_…); not with filter'),
};
const oneSelection = (v: { filter?: unknown; viewId?: unknown }) => v.filter === undefined || v.viewId === undefined;
const oneSelectionMessage = { message: 'give filter or viewId, not both', path: ['viewId'] };

export const ListContactsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1–200'),
    cursor: z.string().max(200).optional().describe('The previous page’s nextCursor'),
    ...ListSelectionSchema,
  })
  .strict()
  .refine(oneSelection, oneSelectionMessage);

export const BoardQuerySchema = z
  .object({
    perStage: z.coerce.number().int().min(1).max(50).default(20).describe('Contacts per stage, 1–50'),
    ...ListSelectionSchema,
  })
  .strict()
  .refine(oneSelection, oneSelectionMessage);

const NullableName = z.string().trim().min(1).max(200).nullable();

export const UpdateContactSchema = z
  .object({
    firstName: NullableName.optional().describe('First name; null clears it'),
    lastName: NullableName.optional().describe('Last name; null clears it'),
    phone: PhoneSchema.nullable().optional().describe('Phone number in international form, stored as E.164; null removes it'),
    email: EmailSchema.nullable().optional().describe('Email address, stored lower-cased; null removes it'),
    timeZone: TimeZoneSchema.nullable().optional().describe('IANA time zone; null: the tenant’s'),
    customProperties: CustomPropertiesSchema.optional().describe('Properties to set (merged into the contact’s); a null value removes that property'),
    source: z.string().max(200).optional().describe('Where the contact came from'),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' })
  .describe('Changes to a contact: fields left out stay as they are');
export type UpdateContact = z.infer<typeof UpdateContactSchema>;

const ConsentSchema = z.enum(['unknown', 'granted', 'revoked']);

export const ContactViewSchema = z
  .object({
    id: z.string().describe('Contact id (ctc_…)'),
    firstName: z.string().nullable().describe('First name'),
    lastName: z.string().nullable().describe('Last name'),
    phone: z.string().refine(isE164).nullable().describe('Phone number, E.164'),
    email: z.string().nullable().describe('Email address, lower-cased'),
    timeZone: z.string().nullable().describe('IANA time zone, or null for the tenant’s'),
    customProperties: z.record(z.string(), z.unknown()).describe('Custom properties'),
    consent: z
      .object({
        sms: ConsentSchema.describe('SMS consent'),
        whatsapp: ConsentSchema.describe('WhatsApp consent'),
        email: ConsentSchema.describe('Email consent'),
      })
      .describe('Per-channel consent: unknown, granted or revoked (an opt-out)'),
    source: z.string().nullable().describe('Where the contact came from'),
    stageId: z.string().nullable().describe('The pipeline stage it stands in (stg_…); null for none'),
    stageChangedAt: z.string().nullable().describe('When it last moved between stages, ISO 8601'),
    createdAt: z.string().describe('When the contact was created, ISO 8601'),
    updatedAt: z.string().describe('When the contact last changed, ISO 8601'),
  })
  .describe('A contact');
export type ContactView = z.infer<typeof ContactViewSchema>;

export const ContactListAnswerSchema = z.object({
  contacts: z.array(ContactViewSchema).describe('The page'),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
});

export const MergeContactSchema = z
  .object({ sourceId: IdSchema.describe('The duplicate to merge into this contact (ctc_…); it is gone afterwards, its id pointing here') })
  .strict()
  .describe('Which contact to merge into this one');

const CountsSchema = z.object({ moved: z.number().int().describe('Moved over as they were'), joined: z.number().int().describe('Joined with the kept contact’s own') });

export const MergeAnswerSchema = z
  .object({
    contact: ContactViewSchema,
    merge: z
      .object({
        mergedId: z.string().describe('The merged contact’s id: it answers 404 with details.mergedIntoId from now on'),
        fieldsTaken: z.array(z.string().describe('A field')).describe('Fields the kept contact had none of and took from the merged one'),
        customPropertiesTaken: z.array(z.string().describe('A property')).describe('Custom properties taken the same way'),
        consentTaken: z.array(z.string().describe('A channel')).describe('Channels whose consent changed: an opt-out on either side wins'),
        threads: CountsSchema.describe('Threads: moved, or joined with the kept contact’s thread on the same channel'),
        messages: z.number().int().describe('Messages moved'),
        quotes: z.number().int().describe('Quotes moved'),
        leadFormSubmissions: z.number().int().describe('Lead-form submissions moved, with their page, UTM parameters and consent wording'),
        enrollments: z.number().int().describe('Enrollments moved (their workflows carry on for the kept contact)'),
        relationships: CountsSchema.describe('Relationships: moved, or joined with the kept contact’s to the same company or project (roles united)'),
        discarded: z.record(z.string(), z.unknown()).describe('The merged contact’s values the kept one had its own of: gone with it, shown here once'),
        stoppedEnrollments: z.array(z.string().describe('Enrollment id')).describe('The merged contact’s enrollments in sequences the kept contact runs too, stopped'),
      })
      .describe('What the merge did'),
    warning: z.string().optional().describe('Merged, but something needs your attention'),
  })
  .describe('The contact kept, and what the merge did');
