import express, { Router } from 'express';
import type { ApiDeps } from '../../deps';
import { resendEvents } from './resend-events';
import { twilioInbound } from './twilio-inbound';
import { twilioStatus } from './twilio-status';

/** Provider webhooks: authenticated by their signatures, not by API keys. */
export function webhookRoutes(deps: ApiDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '256kb' });
  router.post('/twilio/inbound', form, twilioInbound(deps));
  router.post('/twilio/status', form, twilioStatus(deps));
  // Svix signs the raw bytes: parse only after verifying.
  router.post('/resend', express.raw({ type: '*/*', limit: '1mb' }), resendEvents(deps));
  return router;
}
