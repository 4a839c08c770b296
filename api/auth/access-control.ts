import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements } from 'better-auth/plugins/organization/access';
import type { Role } from '../../domain/roles';

/**
 * Herald's roles in Better Auth's organization plugin, matching domain/roles.ts: viewers and agents manage
 * nothing of the organization; admins manage members and invitations; owners also delete the tenant. Herald's
 * own routes enforce the same (requireRole and the owner rules in prisma/queries/members); these keep Better
 * Auth's endpoints in step.
 */
const ac = createAccessControl(defaultStatements);

const none = () => ac.newRole({ organization: [], member: [], invitation: [], team: [], ac: ['read'] });

export const organizationRoles = {
  viewer: none(),
  agent: none(),
  admin: ac.newRole({ organization: ['update'], member: ['create', 'update', 'delete'], invitation: ['create', 'cancel'], team: [], ac: ['read'] }),
  owner: ac.newRole({ organization: ['update', 'delete'], member: ['create', 'update', 'delete'], invitation: ['create', 'cancel'], team: [], ac: ['read'] }),
} satisfies Record<Role, unknown>;

export const organizationAccessControl = ac;
