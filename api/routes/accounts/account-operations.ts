import { z } from 'zod';
import {
  AcceptInvitationSchema,
  ApiKeyListViewSchema,
  CreateApiKeySchema,
  CreatedApiKeyViewSchema,
  CreatedInvitationViewSchema,
  CreateInvitationSchema,
  DeleteTenantSchema,
  InvitationListViewSchema,
  MemberAnswerSchema,
  MemberListViewSchema,
  MeViewSchema,
  PublicInvitationViewSchema,
  SignedInViewSchema,
  SignedUpViewSchema,
  SignUpSchema,
  SwitchTenantSchema,
  UpdateMemberSchema,
} from '../../../domain/schemas/accounts';
import { IdParamsSchema } from '../../../domain/schemas/common';
import type { Operation } from '../../openapi/operation';
import { deleteTenantRoute } from '../tenant/delete-tenant';
import { getMeRoute, signUpRoute, switchTenantRoute } from './account-routes';
import { createApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute } from './api-key-routes';
import { acceptInvitationRoute, cancelInvitationRoute, createInvitationRoute, getPublicInvitationRoute, listInvitationsRoute } from './invitation-routes';
import { listMembersRoute, removeMemberRoute, updateMemberRoute } from './member-routes';
import { publicRateLimit } from '../../http/public-rate-limit';

const json = (schema: z.ZodType, required = true) => ({ kind: 'json' as const, schema, limit: '16kb', required });
const ok = (description: string, schema: z.ZodType) => ({ description, schema });

/** Accounts, members, invitations and API keys (sign in, sign out and password reset are Better Auth's, under /api/auth). */
export const accountOperations: Operation[] = [
  {
    method: 'post', path: '/signup', operationId: 'signUp', tag: 'accounts', security: 'none',
    summary: 'Sign up: a new account, its tenant and its owner membership, signed in',
    description: 'All or nothing: the account, the tenant and the membership are written in one transaction. Answers with the session cookie. Limited per address (429).',
    body: json(SignUpSchema),
    responses: { 201: ok('Signed up and signed in', SignedUpViewSchema) },
    errors: ['CONFLICT', 'RATE_LIMITED', 'UNAUTHENTICATED'],
    middleware: (deps) => [publicRateLimit(deps.systemPrisma, 'signup', deps.auth?.signUpLimit ?? { max: 10, windowSeconds: 3600 })],
    handler: signUpRoute,
  },
  {
    method: 'get', path: '/me', operationId: 'getMe', tag: 'accounts', security: 'apiKey',
    summary: 'Who is calling: the person (null for an API key), the tenant, the role and every membership',
    responses: { 200: ok('The caller', MeViewSchema) },
    errors: ['NOT_FOUND'],
    handler: getMeRoute,
  },
  {
    method: 'post', path: '/me/tenant', operationId: 'switchTenant', tag: 'accounts', security: 'apiKey', role: 'viewer',
    summary: 'Show another of the signed-in person’s tenants from now on (sessions only)',
    body: json(SwitchTenantSchema),
    responses: { 200: ok('The caller, in that tenant', MeViewSchema) },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: switchTenantRoute,
  },
  {
    method: 'get', path: '/members', operationId: 'listMembers', tag: 'members', security: 'apiKey',
    summary: 'The tenant’s members, oldest first',
    responses: { 200: ok('The members', MemberListViewSchema) },
    handler: () => listMembersRoute(),
  },
  {
    method: 'patch', path: '/members/:id', operationId: 'updateMember', tag: 'members', security: 'apiKey', role: 'admin',
    summary: 'Give a member another role',
    description: 'Only owners change an owner or make someone owner (403); the last owner keeps the role (409).',
    params: IdParamsSchema, body: json(UpdateMemberSchema),
    responses: { 200: ok('Changed', MemberAnswerSchema) },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: () => updateMemberRoute(),
  },
  {
    method: 'delete', path: '/members/:id', operationId: 'removeMember', tag: 'members', security: 'apiKey', role: 'admin',
    summary: 'Remove a member: their threads become unassigned, their notes stay',
    description: 'Only owners remove an owner (403); the last owner cannot be removed (409).',
    params: IdParamsSchema,
    responses: { 204: { description: 'Removed' } },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: () => removeMemberRoute(),
  },
  {
    method: 'get', path: '/invitations', operationId: 'listInvitations', tag: 'members', security: 'apiKey', role: 'admin',
    summary: 'Pending invitations, newest first',
    responses: { 200: ok('The invitations', InvitationListViewSchema) },
    handler: () => listInvitationsRoute(),
  },
  {
    method: 'post', path: '/invitations', operationId: 'createInvitation', tag: 'members', security: 'apiKey', role: 'admin',
    summary: 'Invite someone by email with a role: a link to share, also emailed',
    description: 'The email goes out once through Herald’s email path (a workflow). Only owners invite owners. An earlier pending invitation to the same address stops working.',
    body: json(CreateInvitationSchema),
    responses: {
      201: ok('Invited', CreatedInvitationViewSchema),
    },
    errors: ['CONFLICT'],
    handler: createInvitationRoute,
  },
  {
    method: 'delete', path: '/invitations/:id', operationId: 'cancelInvitation', tag: 'members', security: 'apiKey', role: 'admin',
    summary: 'Withdraw a pending invitation: its link stops working', params: IdParamsSchema,
    responses: { 204: { description: 'Withdrawn' } },
    errors: ['NOT_FOUND'],
    handler: () => cancelInvitationRoute(),
  },
  {
    method: 'get', path: '/invitations/:id/public', operationId: 'getPublicInvitation', tag: 'accounts', security: 'none',
    summary: 'What an invitation link offers (no sign-in: the id is the secret)', params: IdParamsSchema,
    responses: { 200: ok('The invitation', PublicInvitationViewSchema) },
    errors: ['NOT_FOUND'],
    handler: getPublicInvitationRoute,
  },
  {
    method: 'post', path: '/invitations/:id/accept', operationId: 'acceptInvitation', tag: 'accounts', security: 'none',
    summary: 'Accept an invitation: join the tenant (creating the account if none has the email) and sign in',
    description:
      'Signed in to the invited account (cookie): nothing else needed. An existing account: its password. No account: a name and a password. Limited per address (429).',
    params: IdParamsSchema, body: json(AcceptInvitationSchema, false),
    responses: { 200: ok('Joined and signed in', SignedInViewSchema) },
    errors: ['NOT_FOUND', 'CONFLICT', 'UNAUTHENTICATED', 'FORBIDDEN', 'CSRF_REJECTED', 'RATE_LIMITED'],
    middleware: (deps) => [publicRateLimit(deps.systemPrisma, 'accept-invitation', deps.auth?.signUpLimit ?? { max: 20, windowSeconds: 900 })],
    handler: acceptInvitationRoute,
  },
  {
    method: 'get', path: '/api-keys', operationId: 'listApiKeys', tag: 'api keys', security: 'apiKey', role: 'admin',
    summary: 'The tenant’s API keys, without the keys',
    responses: { 200: ok('The keys', ApiKeyListViewSchema) },
    handler: () => listApiKeysRoute(),
  },
  {
    method: 'post', path: '/api-keys', operationId: 'createApiKey', tag: 'api keys', security: 'apiKey', role: 'admin',
    summary: 'Make an API key with a role; the key is shown in this answer only',
    description: 'Only owners make owner keys.',
    body: json(CreateApiKeySchema),
    responses: { 201: ok('Made', CreatedApiKeyViewSchema) },
    handler: () => createApiKeyRoute(),
  },
  {
    method: 'post', path: '/api-keys/:id/revoke', operationId: 'revokeApiKey', tag: 'api keys', security: 'apiKey', role: 'admin',
    summary: 'Revoke an API key: its next request is a 401', params: IdParamsSchema,
    responses: { 204: { description: 'Revoked' } },
    errors: ['NOT_FOUND'],
    handler: () => revokeApiKeyRoute(),
  },
  {
    method: 'delete', path: '/tenant', operationId: 'deleteTenant', tag: 'tenant', security: 'apiKey', role: 'owner',
    summary: 'Delete the tenant and everything in it (owners; cannot be undone)',
    description: 'Send the business name again as confirmation. Its running workflows are terminated first (503 and nothing deleted when Temporal is unreachable). Members’ accounts stay for their other tenants.',
    body: json(DeleteTenantSchema),
    responses: { 204: { description: 'Deleted' } },
    errors: ['CONFLICT', 'UNAVAILABLE'],
    handler: deleteTenantRoute,
  },
];
