import type { TenantTx } from '../../tenant-scope';
import type { Actor } from '../../../domain/audit';
import { recordEvents } from '../event-logs/record-event';

type RelationshipRow = {
  id: string;
  contactId: string;
  roles: string[];
  title: string | null;
  company: { id: string; name: string } | null;
  project: { id: string; name: string; kind: string } | null;
};

/** What the contact's timeline says about a relationship: where, in which roles. */
export function relationshipEventData(row: RelationshipRow) {
  return {
    relationshipId: row.id,
    company: row.company ? { id: row.company.id, name: row.company.name } : null,
    project: row.project ? { id: row.project.id, name: row.project.name, kind: row.project.kind } : null,
    roles: row.roles,
    title: row.title,
  };
}

/**
 * Relationships changed, in each contact's timeline (subject: the contact), with their author:
 * relationship.added, relationship.changed (with the roles before), relationship.removed (with why, when a company or
 * project went and took them along).
 */
export function recordRelationshipEvents(
  db: TenantTx,
  type: 'relationship.added' | 'relationship.changed' | 'relationship.removed',
  rows: RelationshipRow[],
  actor: Actor,
  extra: (row: RelationshipRow) => Record<string, unknown> = () => ({}),
) {
  return recordEvents(
    db,
    rows.map((row) => ({ type, subjectType: 'contact', subjectId: row.contactId, actor, data: { ...relationshipEventData(row), ...extra(row) } })),
  );
}

export const RELATIONSHIP_INCLUDE = {
  company: { select: { id: true, name: true } },
  project: { select: { id: true, name: true, kind: true } },
  contact: { select: { id: true, firstName: true, lastName: true } },
} as const;
