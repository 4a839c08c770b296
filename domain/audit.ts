/**
 * The event log is Herald's audit trail: every change that matters is one entry, written in the transaction
 * that makes the change, naming what changed (its subject), how (its type) and who did it (its actor). This
 * module is the list of every type an entry can have, in plain words, and of the actors that can cause one.
 * Entries never carry message bodies or secrets: only ids, field names and small facts.
 */

/** Who made a change. */
export const ACTOR_KINDS = ['user', 'apiKey', 'ingestToken', 'contact', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * A member signed in to the app (`user`, their member id), a machine with an API key (`apiKey`) or an ingest
 * token (`ingestToken`), the contact themselves (`contact`: the quote page, a STOP), or Herald on its own
 * (`system`: workflows, provider webhooks).
 */
export type Actor = { kind: Exclude<ActorKind, 'system'>; id: string } | { kind: 'system' };

export const SYSTEM_ACTOR: Actor = { kind: 'system' };

/**
 * Every type of event-log entry, with what it says in words after the actor's name ("Ada Lovelace changed a
 * template"). recordEvent accepts only these, so a new kind of change is added here first.
 */
export const EVENT_TYPES = {
  // The inbox.
  'thread.assigned': 'assigned a conversation',
  'thread.unassigned': 'unassigned a conversation',
  'thread.closed': 'closed a conversation',
  'thread.reopened': 'reopened a conversation',
  'thread.snoozed': 'snoozed a conversation',
  'thread.labelled': 'labelled a conversation',
  'note.created': 'wrote a note',
  // Messages.
  'message.queued': 'sent a message',
  'message.scheduled': 'scheduled a message',
  'message.rescheduled': 'rescheduled a message',
  'message.cancelled': 'cancelled a message',
  'message.sent': 'handed a message to the provider',
  'message.failed': 'could not send a message',
  // Contacts and consent.
  'contact.created': 'added a contact',
  'contact.updated': 'edited a contact',
  'contact.stage_changed': 'moved a contact to another stage',
  'contact.merged': 'merged two contacts',
  'relationship.added': 'related a contact to a company or project',
  'relationship.changed': 'changed a contact’s roles',
  'relationship.removed': 'removed a contact’s relationship',
  'lead.created': 'added a lead',
  'consent.revoked': 'opted out',
  'consent.granted': 'opted back in',
  'lead_form.submitted': 'filled in a lead form',
  // Sequences and enrollments.
  'sequence.created': 'created a sequence',
  'sequence.updated': 'edited a sequence',
  'sequence.published': 'published a sequence',
  'enrollment.started': 'enrolled a contact',
  'enrollment.pause': 'paused an enrollment',
  'enrollment.resume': 'resumed an enrollment',
  'enrollment.stop': 'stopped an enrollment',
  'enrollment.completed': 'finished an enrollment',
  'enrollment.stopped': 'ended an enrollment',
  'enrollment.failed': 'ended an enrollment as failed',
  'enrollment.step_invalid': 'skipped a step that could not be filled in',
  'enrollment.step_cancelled': 'skipped a cancelled step',
  'bulk_enrollment.started': 'enrolled many contacts',
  // Quotes.
  'quote.created': 'created a quote',
  'quote.sent': 'sent a quote',
  'quote.followed_up': 'followed up on a quote',
  'quote.viewed': 'opened a quote',
  'quote.accepted': 'accepted a quote',
  'quote.rejected': 'declined a quote',
  'quote.expired': 'let a quote expire',
  'quote.not_sent': 'did not send a quote',
  'quote.message_invalid': 'could not fill in a quote message',
  'quote_settings.changed': 'changed the quote texts',
  // Templates and canned replies.
  'template.created': 'created a template',
  'template.updated': 'edited a template',
  'template.deleted': 'deleted a template',
  'canned_reply.created': 'added a canned reply',
  'canned_reply.updated': 'edited a canned reply',
  'canned_reply.deleted': 'deleted a canned reply',
  // Settings.
  'tenant.settings_changed': 'changed the settings',
  'sender_address.added': 'added a sender',
  'sender_address.made_default': 'made a sender the default',
  'sender_address.removed': 'removed a sender',
  'provider_credentials.saved': 'connected a provider account',
  'provider_credentials.removed': 'disconnected a provider account',
  'notification_rule.created': 'added a notification rule',
  'ingest_token.created': 'made an ingest token',
  'ingest_token.revoked': 'revoked an ingest token',
  'lead_form.created': 'made a lead form',
  'lead_form.updated': 'changed a lead form',
  // People and keys.
  'member.role_changed': 'changed a member’s role',
  'member.removed': 'removed a member',
  'member.joined': 'joined',
  'invitation.created': 'invited someone',
  'invitation.cancelled': 'cancelled an invitation',
  'api_key.created': 'made an API key',
  'api_key.revoked': 'revoked an API key',
} as const satisfies Record<string, string>;

export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as [EventType, ...EventType[]];

/** What an entry says, in words, after its actor's name. */
export function eventTypeWords(type: string): string {
  return (EVENT_TYPES as Record<string, string>)[type] ?? type;
}

/** The kinds of record an entry can be about. */
export const SUBJECT_TYPES = [
  'thread',
  'note',
  'message',
  'contact',
  'sequence',
  'enrollment',
  'bulk_enrollment',
  'quote',
  'template',
  'canned_reply',
  'tenant',
  'sender_address',
  'provider_credentials',
  'notification_rule',
  'ingest_token',
  'lead_form',
  'member',
  'invitation',
  'api_key',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
