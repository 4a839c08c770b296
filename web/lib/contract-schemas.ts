import { z } from 'zod';
import { ChannelSchema } from '../../domain/channels';
import { ROLES } from '../../domain/roles';

/*
 * The shapes of ISSUE-9-CONTRACTS.md's auth routes, for the pages that call them before the auth branch lands.
 * They belong in domain/schemas/ beside the routes (one home per concept): when the auth branch adds its
 * schemas there, import those and delete these. Fields beyond what the pages read are passed through
 * (`looseObject`), so a richer answer still parses; a missing or mistyped field the pages read does not.
 */

export const RoleSchema = z.enum(ROLES).describe('A member’s role');

const UserSchema = z.looseObject({ id: z.string(), name: z.string(), email: z.string() });

export const MeSchema = z.looseObject({
  user: UserSchema.nullable(),
  role: RoleSchema,
  tenant: z.looseObject({ id: z.string(), businessName: z.string(), timeZone: z.string() }),
  memberships: z.array(z.looseObject({ tenantId: z.string(), businessName: z.string(), role: RoleSchema })),
});
export type Me = z.infer<typeof MeSchema>;

export const SignUpResponseSchema = z.looseObject({ user: UserSchema, tenant: z.looseObject({ id: z.string() }) });

/** Better Auth's sign-in answer (`redirect`, `token`, `user`); the session itself is the cookie. */
export const SignInResponseSchema = z.looseObject({ user: z.looseObject({ id: z.string() }) });
/** Better Auth answers its other POSTs with `{ status: true }` (or more); only success matters. */
export const AuthOkSchema = z.looseObject({});

export const MemberSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  createdAt: z.string().optional(),
});
export type Member = z.infer<typeof MemberSchema>;
export const MemberListSchema = z.looseObject({ members: z.array(MemberSchema) });
export const MemberResponseSchema = z.looseObject({ member: MemberSchema });

export const InvitationSchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  role: RoleSchema,
  status: z.string(),
  expiresAt: z.string(),
});
export type Invitation = z.infer<typeof InvitationSchema>;
export const InvitationListSchema = z.looseObject({ invitations: z.array(InvitationSchema) });
export const CreatedInvitationSchema = z.looseObject({ invitation: InvitationSchema, link: z.string() });
export const PublicInvitationSchema = z.looseObject({
  businessName: z.string(),
  email: z.string(),
  role: RoleSchema,
  expiresAt: z.string(),
  status: z.string(),
});
export type PublicInvitation = z.infer<typeof PublicInvitationSchema>;

export const ApiKeySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
  revokedAt: z.string().nullable().optional(),
  lastUsedAt: z.string().nullable().optional(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;
export const ApiKeyListSchema = z.looseObject({ apiKeys: z.array(ApiKeySchema) });
export const CreatedApiKeySchema = z.looseObject({ apiKey: ApiKeySchema, key: z.string() });

/*
 * The inbox's thread list (ISSUE-9-CONTRACTS.md "Inbox API"); the inbox branch adds the real schema in
 * domain/schemas/inbox.ts — import it and delete this one then.
 */
export const ThreadSummarySchema = z.looseObject({
  id: z.string(),
  channel: ChannelSchema,
  status: z.enum(['open', 'closed', 'snoozed']),
  assignee: z.looseObject({ id: z.string(), name: z.string() }).nullable(),
  contact: z.looseObject({ id: z.string(), name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
  lastMessage: z.looseObject({ direction: z.enum(['inbound', 'outbound']), preview: z.string(), status: z.string(), at: z.string() }).nullable(),
  unreadCount: z.number().int().min(0),
  labels: z.array(z.string()),
  snoozedUntil: z.string().nullable(),
});
export type ThreadSummary = z.infer<typeof ThreadSummarySchema>;
export const ThreadListSchema = z.looseObject({
  threads: z.array(ThreadSummarySchema),
  nextCursor: z.string().nullable(),
  counts: z.looseObject({ mine: z.number(), unassigned: z.number(), all: z.number(), unread: z.number() }),
});
export type ThreadList = z.infer<typeof ThreadListSchema>;

/** One event of GET /api/events (realtime); fields beyond these depend on the type. */
export const InboxEventSchema = z.looseObject({
  id: z.string(),
  type: z.enum(['message.created', 'message.updated', 'note.created', 'thread.updated', 'thread.read']),
  threadId: z.string(),
});
export type InboxEvent = z.infer<typeof InboxEventSchema>;
