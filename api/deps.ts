import type { Logger } from 'pino';
import type { TemporalWebConfig } from '../domain/workflow-ids';
import type { PrismaClient } from '../prisma/client';
import type { TemporalGateway } from './temporal-gateway';

export interface ApiDeps {
  prisma: PrismaClient;
  temporal: TemporalGateway;
  temporalWeb: TemporalWebConfig;
  logger: Logger;
  /** Which provider serves each channel (shown by the health endpoint); all fake when omitted. */
  providers?: Record<'sms' | 'whatsapp' | 'email', string>;
}
