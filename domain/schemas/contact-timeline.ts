import { z } from 'zod';
import { ActorSchema, NoteViewSchema } from './inbox';
import { MessageViewSchema } from './message';

const at = z.string().describe('When, ISO 8601');
const id = z.string().describe('The item’s id in this timeline');

export const ContactEventViewSchema = z
  .object({
    id: z.string().describe('Event id (evt_…)'),
    type: z.string().describe('contact.stage_changed, contact.updated, contact.merged, relationship.added, relationship.changed, relationship.removed, …'),
    actor: ActorSchema,
    data: z.record(z.string(), z.unknown()).describe('What changed (stage changes: from and to, each {id, name} or null)'),
    createdAt: z.string().describe('When, ISO 8601'),
  })
  .describe('A change to the contact, from the event log');

export const ContactTimelineItemSchema = z
  .discriminatedUnion('kind', [
    z
      .object({ kind: z.literal('message').describe('A message'), id, at, threadId: z.string().nullable().describe('Its thread'), message: MessageViewSchema })
      .describe('A message to or from the contact'),
    z.object({ kind: z.literal('note').describe('A note'), id, at, note: NoteViewSchema }).describe('A note on one of the contact’s threads'),
    z
      .object({
        kind: z.literal('enrollment').describe('An enrollment started or ended'),
        id,
        at,
        change: z.enum(['started', 'ended']).describe('What happened to it then'),
        enrollment: z
          .object({
            id: z.string().describe('Enrollment id (enr_…)'),
            sequenceId: z.string().describe('Its sequence'),
            sequenceName: z.string().describe('The sequence’s name'),
            status: z.enum(['active', 'paused', 'completed', 'stopped', 'failed']).describe('Its status now'),
            stopReason: z.string().nullable().describe('Why it ended, when it did early'),
          })
          .describe('The enrollment'),
      })
      .describe('An enrollment in a sequence'),
    z
      .object({
        kind: z.literal('quote').describe('A quote made'),
        id,
        at,
        quote: z
          .object({
            id: z.string().describe('Quote id (quo_…)'),
            title: z.string().nullable().describe('Its title'),
            total: z.string().describe('Total, 2 decimals'),
            currency: z.string().describe('ISO 4217 currency'),
            status: z.string().describe('Its status now: draft, open, sent, accepted, rejected or expired'),
          })
          .describe('The quote'),
      })
      .describe('A quote for the contact'),
    z.object({ kind: z.literal('event').describe('A change'), id, at, event: ContactEventViewSchema }).describe('A change to the contact'),
  ])
  .describe('One item of a contact’s timeline');
export type ContactTimelineItem = z.infer<typeof ContactTimelineItemSchema>;

export const ContactTimelineQuerySchema = z
  .object({
    cursor: z.string().max(200).optional().describe('The previous page’s nextCursor'),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('Items, 1–200'),
  })
  .strict();

export const ContactTimelineSchema = z
  .object({
    items: z.array(ContactTimelineItemSchema).describe('Newest first'),
    nextCursor: z.string().nullable().describe('Pass as cursor for older items; null when there are none'),
  })
  .describe('Everything that happened with a contact: messages, notes, enrollments, quotes, stage and relationship changes, merges');
