import { z } from 'zod';
import { ACTOR_KINDS, EVENT_TYPE_NAMES, SUBJECT_TYPES } from '../audit';
import { IdSchema, IsoInstantSchema } from './common';

export const ListAuditLogQuerySchema = z
  .object({
    actorType: z.enum(ACTOR_KINDS).optional().describe('Only entries by this kind of actor: user (a member), apiKey, ingestToken, contact or system (Herald’s own work)'),
    actorId: IdSchema.optional().describe('Only entries by this member, API key, ingest token or contact (its id)'),
    type: z.enum(EVENT_TYPE_NAMES).optional().describe('Only this action, e.g. template.updated'),
    subjectType: z.enum(SUBJECT_TYPES).optional().describe('Only entries about this kind of record'),
    subjectId: IdSchema.optional().describe('Only entries about this record (its id; with subjectType, or alone)'),
    from: IsoInstantSchema.optional().describe('Only entries at or after this instant'),
    to: IsoInstantSchema.optional().describe('Only entries before this instant'),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(100).default(50).describe('Page size, 1–100'),
  })
  .strict();
export type ListAuditLogQuery = z.infer<typeof ListAuditLogQuerySchema>;

export const AuditEntrySchema = z
  .object({
    id: z.string().describe('Entry id (evt_…)'),
    at: z.string().describe('When, ISO 8601'),
    type: z.string().describe('The action, e.g. template.updated (the list is in the type filter)'),
    action: z.string().describe('The action in words, after the actor’s name: “changed a template”'),
    actor: z
      .object({
        type: z.enum(ACTOR_KINDS).describe('user, apiKey, ingestToken, contact or system'),
        id: z.string().nullable().describe('The member, key, token or contact (null for system)'),
        name: z.string().describe('Their name now (a member’s, a key’s, a token’s, a contact’s), or how to call them when it is gone'),
      })
      .describe('Who did it'),
    subject: z
      .object({
        type: z.string().describe('The kind of record: template, sequence, member, …'),
        id: z.string().describe('Its id (for provider accounts, the provider)'),
        label: z.string().nullable().describe('Its name now, or as it was recorded when it is gone; null when it has none'),
      })
      .describe('What it was done to'),
    data: z.record(z.string(), z.unknown()).describe('Facts recorded with it: ids, field names, roles — never a message body or a secret'),
  })
  .describe('One entry of the audit log');

export const AuditLogViewSchema = z
  .object({
    entries: z.array(AuditEntrySchema).describe('Newest first'),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
  })
  .describe('A page of the audit log');
export type AuditLogView = z.infer<typeof AuditLogViewSchema>;
