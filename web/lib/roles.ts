import type { Role } from '../../domain/roles';

export { ROLES, roleAtLeast, type Role } from '../../domain/roles';

export const ROLE_LABELS: Record<Role, string> = { viewer: 'Viewer', agent: 'Agent', admin: 'Admin', owner: 'Owner' };

/** What each role may do, in the words the invite and API-key dialogs show. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'Reads conversations and contacts; cannot send.',
  agent: 'Works conversations: replies, notes, assigns and closes.',
  admin: 'Also manages settings, sequences, templates and people.',
  owner: 'Everything, including deleting the workspace.',
};
