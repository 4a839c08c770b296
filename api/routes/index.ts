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
import {
  createTemplateRoute,
  deleteTemplateRoute,
  getTemplateRoute,
  listTemplatesRoute,
  previewTemplateRoute,
  updateTemplateRoute,
} from './templates/template-routes';
import {
  createSequenceRoute,
  getSequenceRoute,
  listSequencesRoute,
  previewSequenceRoute,
  publishSequenceRoute,
  updateSequenceRoute,
} from './sequences/sequence-routes';
import {
  bulkEnrollRoute,
  changeEnrollmentRoute,
  enrollContactRoute,
  getBulkEnrollmentRoute,
  getEnrollmentRoute,
  listEnrollmentsRoute,
} from './enrollments/enrollment-routes';
import { createQuoteRoute, getQuoteRoute, getQuoteSettingsRoute, listQuotesRoute, updateQuoteSettingsRoute } from './quotes/quote-routes';

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

  router.get('/templates', listTemplatesRoute());
  router.post('/templates', createTemplateRoute());
  router.post('/templates/preview', previewTemplateRoute());
  router.get('/templates/:id', getTemplateRoute());
  router.patch('/templates/:id', updateTemplateRoute());
  router.delete('/templates/:id', deleteTemplateRoute());
  router.post('/templates/:id/preview', previewTemplateRoute());

  router.get('/sequences', listSequencesRoute(deps));
  router.post('/sequences', createSequenceRoute(deps));
  router.get('/sequences/:id', getSequenceRoute(deps));
  router.patch('/sequences/:id', updateSequenceRoute(deps));
  router.post('/sequences/:id/publish', publishSequenceRoute(deps));
  router.get('/sequences/:id/preview', previewSequenceRoute());
  router.post('/sequences/:id/enrollments', enrollContactRoute(deps));
  router.post('/sequences/:id/enrollments/bulk', bulkEnrollRoute(deps));
  router.get('/bulk-enrollments/:id', getBulkEnrollmentRoute(deps));
  router.get('/enrollments', listEnrollmentsRoute(deps));
  router.get('/enrollments/:id', getEnrollmentRoute(deps));
  router.post('/enrollments/:id/pause', changeEnrollmentRoute(deps, 'pause'));
  router.post('/enrollments/:id/resume', changeEnrollmentRoute(deps, 'resume'));
  router.post('/enrollments/:id/stop', changeEnrollmentRoute(deps, 'stop'));

  router.get('/quotes', listQuotesRoute(deps));
  router.post('/quotes', createQuoteRoute(deps));
  router.get('/quotes/:id', getQuoteRoute(deps));
  router.get('/quote-settings', getQuoteSettingsRoute());
  router.put('/quote-settings', updateQuoteSettingsRoute());
  return router;
}
