import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { authenticate } from '../http/authenticate';
import { rateLimit } from '../http/rate-limit';
import { createContact } from './contacts/create-contact';
import { getContact } from './contacts/get-contact';
import { listContacts } from './contacts/list-contacts';
import { getHealth } from './health/get-health';
import { cancelMessage } from './messages/cancel-message';
import { createMessage } from './messages/create-message';
import { getMessage } from './messages/get-message';
import { listMessages } from './messages/list-messages';
import { rescheduleMessage } from './messages/reschedule-message';
import { getTenant } from './tenant/get-tenant';
import { simulateInbound } from './fake/simulate-inbound';
import { addSenderAddressRoute, listSenderAddressesRoute } from './sender-addresses/sender-address-routes';
import { createIngestTokenRoute, listIngestTokensRoute, revokeIngestTokenRoute } from './ingest-tokens/ingest-token-routes';
import { createNotificationRuleRoute, listNotificationRulesRoute } from './notification-rules/notification-rule-routes';

export function apiRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/health', getHealth(deps));

  // Everything below is tenant-scoped by the API key.
  router.use(authenticate(deps.prisma));
  router.get('/tenant', getTenant(deps));
  router.get('/contacts', listContacts());
  router.post('/contacts', createContact());
  router.get('/contacts/:id', getContact());
  router.get('/messages', listMessages(deps));
  const sendLimit = deps.sendRateLimit ?? { perMinute: 120, burst: 120 };
  router.post('/messages', rateLimit(deps.prisma, 'send', { capacity: sendLimit.burst, refillPerSecond: sendLimit.perMinute / 60 }), createMessage(deps));
  router.get('/messages/:id', getMessage(deps));
  router.post('/messages/:id/cancel', cancelMessage(deps));
  router.post('/messages/:id/reschedule', rescheduleMessage(deps));
  // Plays the contact, through the same path as a real inbound webhook (works whatever the provider).
  router.post('/fake/inbound', simulateInbound(deps));
  router.get('/ingest-tokens', listIngestTokensRoute());
  router.post('/ingest-tokens', createIngestTokenRoute());
  router.post('/ingest-tokens/:id/revoke', revokeIngestTokenRoute());
  router.get('/sender-addresses', listSenderAddressesRoute());
  router.post('/sender-addresses', addSenderAddressRoute());
  router.get('/notification-rules', listNotificationRulesRoute());
  router.post('/notification-rules', createNotificationRuleRoute());
  return router;
}
