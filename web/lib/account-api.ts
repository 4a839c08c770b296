import { api } from './api-client';
import {
  ApiKeyListSchema,
  AuthOkSchema,
  CreatedApiKeySchema,
  CreatedInvitationSchema,
  InvitationListSchema,
  MeSchema,
  MemberListSchema,
  PublicInvitationSchema,
  SignInResponseSchema,
  SignUpResponseSchema,
} from './contract-schemas';
import type { Role } from '../../domain/roles';

// The account, member, invitation and API-key calls of ISSUE-9-CONTRACTS.md, each parsed by its schema.
const id = (value: string) => encodeURIComponent(value);

export const accountApi = {
  me: (signal?: AbortSignal) => api.request('/api/me', { schema: MeSchema, ...(signal ? { signal } : {}) }),
  signIn: (body: { email: string; password: string }) => api.request('/api/auth/sign-in/email', { method: 'POST', body, schema: SignInResponseSchema }),
  signOut: () => api.request('/api/auth/sign-out', { method: 'POST', body: {}, schema: AuthOkSchema }),
  signUp: (body: { name: string; email: string; password: string; businessName: string; timeZone?: string }) =>
    api.request('/api/signup', { method: 'POST', body, schema: SignUpResponseSchema }),
  requestPasswordReset: (email: string) =>
    api.request('/api/auth/request-password-reset', { method: 'POST', body: { email, redirectTo: '/reset-password' }, schema: AuthOkSchema }),
  resetPassword: (body: { newPassword: string; token: string }) => api.request('/api/auth/reset-password', { method: 'POST', body, schema: AuthOkSchema }),

  publicInvitation: (invitationId: string, signal?: AbortSignal) =>
    api.request(`/api/invitations/${id(invitationId)}/public`, { schema: PublicInvitationSchema, ...(signal ? { signal } : {}) }),
  acceptInvitation: (invitationId: string, body: { name?: string; password?: string }) =>
    api.request(`/api/invitations/${id(invitationId)}/accept`, { method: 'POST', body, schema: AuthOkSchema }),
  invitations: (signal?: AbortSignal) => api.request('/api/invitations', { schema: InvitationListSchema, ...(signal ? { signal } : {}) }),
  invite: (body: { email: string; role: Role }) => api.request('/api/invitations', { method: 'POST', body, schema: CreatedInvitationSchema }),
  cancelInvitation: (invitationId: string) => api.request(`/api/invitations/${id(invitationId)}`, { method: 'DELETE' }),

  members: (signal?: AbortSignal) => api.request('/api/members', { schema: MemberListSchema, ...(signal ? { signal } : {}) }),
  changeRole: (memberId: string, role: Role) => api.request(`/api/members/${id(memberId)}`, { method: 'PATCH', body: { role }, schema: AuthOkSchema }),
  removeMember: (memberId: string) => api.request(`/api/members/${id(memberId)}`, { method: 'DELETE' }),

  apiKeys: (signal?: AbortSignal) => api.request('/api/api-keys', { schema: ApiKeyListSchema, ...(signal ? { signal } : {}) }),
  createApiKey: (body: { name: string; role: Role }) => api.request('/api/api-keys', { method: 'POST', body, schema: CreatedApiKeySchema }),
  revokeApiKey: (apiKeyId: string) => api.request(`/api/api-keys/${id(apiKeyId)}/revoke`, { method: 'POST', body: {}, schema: AuthOkSchema }),
};
