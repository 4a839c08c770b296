import {
  ApiKeyListViewSchema,
  CreatedApiKeyViewSchema,
  CreatedInvitationViewSchema,
  InvitationListViewSchema,
  MemberAnswerSchema,
  MemberListViewSchema,
  MeViewSchema,
  PublicInvitationViewSchema,
  SignedInViewSchema,
  SignedUpViewSchema,
} from '../../domain/schemas/accounts';
import type { Role } from '../../domain/roles';
import { api } from './api-client';
import { AuthOkSchema, SignInResponseSchema } from './auth-schemas';

// The account, member, invitation and API-key calls (api/routes/accounts), each parsed by the route's own schema.
const id = (value: string) => encodeURIComponent(value);
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const accountApi = {
  me: (signal?: AbortSignal) => api.request('/api/me', { schema: MeViewSchema, ...withSignal(signal) }),
  switchTenant: (tenantId: string) => api.request('/api/me/tenant', { method: 'POST', body: { tenantId }, schema: MeViewSchema }),
  signIn: (body: { email: string; password: string }) => api.request('/api/auth/sign-in/email', { method: 'POST', body, schema: SignInResponseSchema }),
  signOut: () => api.request('/api/auth/sign-out', { method: 'POST', body: {}, schema: AuthOkSchema }),
  signUp: (body: { name: string; email: string; password: string; businessName: string; timeZone?: string }) =>
    api.request('/api/signup', { method: 'POST', body, schema: SignedUpViewSchema }),
  requestPasswordReset: (email: string) =>
    api.request('/api/auth/request-password-reset', { method: 'POST', body: { email, redirectTo: '/reset-password' }, schema: AuthOkSchema }),
  resetPassword: (body: { newPassword: string; token: string }) => api.request('/api/auth/reset-password', { method: 'POST', body, schema: AuthOkSchema }),

  publicInvitation: (invitationId: string, signal?: AbortSignal) =>
    api.request(`/api/invitations/${id(invitationId)}/public`, { schema: PublicInvitationViewSchema, ...withSignal(signal) }),
  acceptInvitation: (invitationId: string, body: { name?: string; password?: string }) =>
    api.request(`/api/invitations/${id(invitationId)}/accept`, { method: 'POST', body, schema: SignedInViewSchema }),
  invitations: (signal?: AbortSignal) => api.request('/api/invitations', { schema: InvitationListViewSchema, ...withSignal(signal) }),
  invite: (body: { email: string; role: Role }) => api.request('/api/invitations', { method: 'POST', body, schema: CreatedInvitationViewSchema }),
  cancelInvitation: (invitationId: string) => api.request(`/api/invitations/${id(invitationId)}`, { method: 'DELETE' }),

  members: (signal?: AbortSignal) => api.request('/api/members', { schema: MemberListViewSchema, ...withSignal(signal) }),
  changeRole: (memberId: string, role: Role) => api.request(`/api/members/${id(memberId)}`, { method: 'PATCH', body: { role }, schema: MemberAnswerSchema }),
  removeMember: (memberId: string) => api.request(`/api/members/${id(memberId)}`, { method: 'DELETE' }),

  apiKeys: (signal?: AbortSignal) => api.request('/api/api-keys', { schema: ApiKeyListViewSchema, ...withSignal(signal) }),
  createApiKey: (body: { name: string; role: Role }) => api.request('/api/api-keys', { method: 'POST', body, schema: CreatedApiKeyViewSchema }),
  // 204: no body to parse.
  revokeApiKey: (apiKeyId: string) => api.request(`/api/api-keys/${id(apiKeyId)}/revoke`, { method: 'POST', body: {} }),
};
