import type { RequestHandler } from 'express';
import { CreateNotificationRuleSchema } from '../../../domain/schemas/ingest';
import { createNotificationRule, listNotificationRules } from '../../../prisma/queries/notification-rules/notification-rules';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';

export function createNotificationRuleRoute(): RequestHandler {
  return async (req, res) => {
    const rule = await createNotificationRule(tenantOf(res).db, CreateNotificationRuleSchema.parse(req.body), actorOf(res));
    res.status(201).json({ notificationRule: rule });
  };
}

export function listNotificationRulesRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ notificationRules: await listNotificationRules(tenantOf(res).db) });
  };
}
