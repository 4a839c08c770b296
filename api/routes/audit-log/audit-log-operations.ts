import { AuditLogViewSchema, ListAuditLogQuerySchema } from '../../../domain/schemas/audit-log';
import type { Operation } from '../../openapi/operation';
import { listAuditLogRoute } from './list-audit-log';

/** The audit log: admins only. */
export const auditLogOperations: Operation[] = [
  {
    method: 'get', path: '/audit-log', operationId: 'listAuditLog', tag: 'audit log', security: 'apiKey', role: 'admin',
    summary: 'Who did what, when: the tenant’s event log, newest first',
    description:
      'Every change recorded with its actor — a member, an API key, an ingest token, the contact (the quote page, a STOP) or Herald itself — and what it was done to, with their names as they are now (a deleted one keeps the name it was recorded with). Filter by actor, action, subject and time; keyset-paged (pass nextCursor as cursor). Entries never carry message bodies or secrets.',
    query: ListAuditLogQuerySchema,
    responses: { 200: { description: 'A page of entries', schema: AuditLogViewSchema } },
    handler: () => listAuditLogRoute(),
  },
];
