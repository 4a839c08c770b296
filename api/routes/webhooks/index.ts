import { z } from 'zod';
import { describeFields } from '../../openapi/describe-fields';
import type { OperationGroup } from '../../openapi/operation';
import { EventSchema, resendEvents } from './resend-events';
import { TwilioInboundSchema, twilioInbound } from './twilio-inbound';
import { StatusSchema, twilioStatus } from './twilio-status';

const form = (schema: z.ZodType) => ({ kind: 'form' as const, schema, limit: '256kb', required: true });

const TwilioInboundBody = describeFields(TwilioInboundSchema, {
  MessageSid: 'Twilio’s id of the message (SM… or MM…)',
  From: 'The sender: +E.164, or whatsapp:+E.164',
  To: 'The tenant’s number it was sent to: +E.164, a short code, or whatsapp:+E.164',
  MessagingServiceSid: 'The Messaging Service the number belongs to, when it belongs to one (MG…)',
  Body: 'The text',
  NumMedia: 'Number of media attachments (MediaUrl0…)',
}).describe('Twilio’s incoming-message form; Twilio adds fields without notice, and they pass through');

const TwilioStatusBody = describeFields(StatusSchema, {
  MessageSid: 'Twilio’s id of the message',
  MessageStatus: 'queued, sent, delivered, read, undelivered, failed, …',
  ErrorCode: 'Twilio error code when it failed',
}).describe('Twilio’s status callback form');

const ResendEventBody = describeFields(EventSchema.extend({ data: describeFields(EventSchema.shape.data, { email_id: 'Resend’s id of the email' }) }), {
  type: 'Event type: email.delivered, email.bounced, email.complained, email.failed (delivery of Herald’s email), email.received (an email to one of the tenants’ addresses)',
  created_at: 'When it happened',
  data: 'The event’s data, with the email_id Resend gave the email (for email.received also from, to, received_for, subject: metadata only)',
}).describe('A Resend (Svix-signed) webhook event');

const signed = {
  twilio:
    'Checked against X-Twilio-Signature over the exact public URL with the Auth Token of the tenant’s own Twilio account when it has one, else the server’s; 403 without a valid one.',
};

/** Provider webhooks: authenticated by their signatures, not by API keys. */
export const webhooksGroup: OperationGroup = {
  prefix: '/webhooks',
  operations: [
    {
      method: 'post', path: '/twilio/inbound', operationId: 'twilioInbound', tag: 'webhooks', security: 'twilioSignature',
      summary: 'An SMS or WhatsApp message to one of the tenant’s numbers (Twilio)',
      description: `Routed by the number it was sent to (or its Messaging Service). ${signed.twilio} To a number no tenant registered: a STOP reaches every tenant that messaged the sender from it; anything else the tenant that did so last; else it is recorded as unroutable.`,
      body: form(TwilioInboundBody),
      responses: { 200: { description: 'Received (empty TwiML)', schema: z.string().describe('<Response></Response>'), contentType: 'text/xml' } },
      errors: ['UNAVAILABLE'],
      handler: twilioInbound,
    },
    {
      method: 'post', path: '/twilio/status', operationId: 'twilioStatus', tag: 'webhooks', security: 'twilioSignature',
      summary: 'A delivery status of a message Herald sent (Twilio)', description: `${signed.twilio} Applied forward-only; repeats are ignored.`,
      query: z.object({ ledger: z.string().max(64).optional().describe('The send-ledger entry, put in the callback URL by Herald') }),
      body: form(TwilioStatusBody),
      responses: { 204: { description: 'Recorded' } },
      errors: ['UNAVAILABLE'],
      handler: twilioStatus,
    },
    {
      method: 'post', path: '/resend', operationId: 'resendEvents', tag: 'webhooks', security: 'svixSignature',
      summary: 'Email delivery events and received email (Resend)',
      description:
        'Verified on the raw body with the svix-id, svix-timestamp and svix-signature headers; 403 without a valid signature. ' +
        'Delivery events are applied forward-only. An email.received event is routed to the tenant whose email sender address it was sent to ' +
        '(else, for Herald’s shared sender, the tenant that last emailed the sender), its content read through Resend’s receiving API and ' +
        'landed as an inbound email, once per email id; 503/502 when the content cannot be read (nothing is kept, so Resend’s retry lands it).',
      headers: z.object({
        'svix-id': z.string().optional().describe('Svix message id'),
        'svix-timestamp': z.string().optional().describe('Svix timestamp, seconds'),
      }),
      body: { kind: 'raw', mediaType: 'application/json', schema: ResendEventBody, limit: '1mb', required: true },
      responses: { 204: { description: 'Recorded (an email no tenant can claim is recorded as unroutable)' } },
      errors: ['UNAVAILABLE', 'PROVIDER_PERMANENT'],
      handler: resendEvents,
    },
  ],
};
