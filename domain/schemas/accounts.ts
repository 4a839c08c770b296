import { z } from 'zod';
import { ROLES } from '../roles';
import { IsoInstantSchema } from './common';
import { TimeZoneSchema } from './time-zone';

/** Accounts, members, invitations and API keys: what the API reads and answers (shared with the web app). */

export const RoleSchema = z.enum(ROLES).describe('viewer (reads), agent (works conversations), admin (settings, sequences, templates, members), owner (also deleting the tenant)');

/** Better Auth's own bounds (8–128). */
export const PasswordSchema = z.string().min(8, 'at least 8 characters').max(128, 'at most 128 characters').describe('At least 8 characters');

export const EmailSchema = z
  .email()
  .max(320)
  .transform((v) => v.toLowerCase())
  .describe('Email address; stored lower-cased');

const PersonNameSchema = z.string().trim().min(1).max(200).describe('The person’s name, as colleagues see it');

export const SignUpSchema = z
  .object({
    name: PersonNameSchema,
    email: EmailSchema,
    password: PasswordSchema,
    businessName: z.string().trim().min(1).max(200).describe('The business, as contacts see it'),
    timeZone: TimeZoneSchema.optional(),
  })
  .strict()
  .describe('A new account with its own tenant, whose owner it becomes');

export const AccountUserSchema = z
  .object({
    id: z.string().describe('The member’s Herald user id in the current tenant (usr_…): what threads are assigned to'),
    name: z.string().describe('Name'),
    email: z.string().describe('Email address'),
  })
  .describe('The signed-in person');

export const TenantSummarySchema = z
  .object({
    id: z.string().describe('Tenant id (ten_…)'),
    businessName: z.string().describe('Business name'),
    timeZone: z.string().describe('IANA time zone'),
  })
  .describe('A tenant');

export const MembershipSchema = z
  .object({
    tenantId: z.string().describe('Tenant id'),
    businessName: z.string().describe('Business name'),
    role: RoleSchema,
  })
  .describe('A tenant the person belongs to');

export const MeViewSchema = z
  .object({
    user: AccountUserSchema.nullable().describe('The signed-in person; null for an API key'),
    role: RoleSchema,
    tenant: TenantSummarySchema,
    memberships: z.array(MembershipSchema).describe('Every tenant the person belongs to (only the key’s tenant for an API key)'),
  })
  .describe('Who is calling, in which tenant, with which role');

export const SwitchTenantSchema = z.object({ tenantId: z.string().min(1).max(64).describe('A tenant the person belongs to') }).strict();

export const MemberViewSchema = z
  .object({
    id: z.string().describe('Herald user id (usr_…)'),
    name: z.string().describe('Name'),
    email: z.string().describe('Email address'),
    role: RoleSchema,
    createdAt: IsoInstantSchema.describe('When they joined'),
  })
  .describe('A member of the tenant');

export const UpdateMemberSchema = z.object({ role: RoleSchema }).strict();

export const InvitationStatusSchema = z.enum(['pending', 'accepted', 'rejected', 'canceled']).describe('pending until accepted or canceled');

export const CreateInvitationSchema = z.object({ email: EmailSchema, role: RoleSchema }).strict().describe('Who to invite and with which role');

export const InvitationViewSchema = z
  .object({
    id: z.string().describe('Invitation id (inv_…)'),
    email: z.string().describe('Who is invited'),
    role: RoleSchema,
    status: InvitationStatusSchema,
    expiresAt: IsoInstantSchema.describe('After this the link no longer works'),
    createdAt: IsoInstantSchema.describe('When it was made'),
  })
  .describe('An invitation to join the tenant');

export const PublicInvitationViewSchema = z
  .object({
    businessName: z.string().describe('The tenant the link joins'),
    email: z.string().describe('The address it was sent to: sign in or up with it'),
    role: RoleSchema,
    expiresAt: IsoInstantSchema.describe('After this the link no longer works'),
    status: z.enum(['pending', 'accepted', 'rejected', 'canceled', 'expired']).describe('Only a pending one can be accepted'),
    accountExists: z.boolean().describe('Whether an account with that email exists (then accept with its password, or while signed in to it)'),
  })
  .describe('What an invitation link offers, for the page that opens it');

export const AcceptInvitationSchema = z
  .object({
    name: PersonNameSchema.optional().describe('For a new account: the person’s name'),
    password: PasswordSchema.optional().describe('A new account’s password, or the existing account’s (unless signed in to it)'),
  })
  .strict()
  .describe('Join the tenant; creates the account when none has the invited email');

export const ApiKeyViewSchema = z
  .object({
    id: z.string().describe('API key id (key_…)'),
    name: z.string().describe('What it is for'),
    prefix: z.string().describe('Its first characters, to recognise it'),
    role: RoleSchema,
    createdAt: IsoInstantSchema.describe('When it was made'),
    lastUsedAt: IsoInstantSchema.nullable().describe('Last use (to the minute); null: never'),
    revokedAt: IsoInstantSchema.nullable().describe('When it was revoked; null: it works'),
  })
  .describe('An API key, without the key');

export const CreateApiKeySchema = z
  .object({ name: z.string().trim().min(1).max(100).describe('What it is for, e.g. "CRM sync"'), role: RoleSchema })
  .strict()
  .describe('A key for a machine, acting in this tenant with a role');

export const DeleteTenantSchema = z
  .object({ confirmBusinessName: z.string().max(200).describe('The tenant’s business name, typed again: deleting cannot be undone') })
  .strict()
  .describe('Confirmation that the whole tenant is to go');

export const SignedInViewSchema = z
  .object({ user: AccountUserSchema, tenant: TenantSummarySchema, role: RoleSchema })
  .describe('Signed in (the session cookie is set), in this tenant, with this role');

// ── Answers (the routes declare them; the web app parses with them) ─────────────────────────────────────

export const MemberListViewSchema = z.object({ members: z.array(MemberViewSchema).describe('Oldest first') });
export const MemberAnswerSchema = z.object({ member: MemberViewSchema });
export const InvitationListViewSchema = z.object({ invitations: z.array(InvitationViewSchema).describe('Newest first') });
export const CreatedInvitationViewSchema = z.object({
  invitation: InvitationViewSchema,
  link: z.string().describe('The page that accepts it (the id is the secret)'),
  warning: z.string().optional().describe('The email could not be sent now: share the link'),
});
export const ApiKeyListViewSchema = z.object({ apiKeys: z.array(ApiKeyViewSchema).describe('Newest first') });
export const CreatedApiKeyViewSchema = z.object({ apiKey: ApiKeyViewSchema, key: z.string().describe('The key: store it now, it is never shown again') });
export const SignedUpViewSchema = SignedInViewSchema.omit({ role: true });

export type MeView = z.infer<typeof MeViewSchema>;
export type MemberView = z.infer<typeof MemberViewSchema>;
export type InvitationView = z.infer<typeof InvitationViewSchema>;
export type PublicInvitationView = z.infer<typeof PublicInvitationViewSchema>;
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>;
