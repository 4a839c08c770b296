import type { Logger } from 'pino';
import type { TemporalWebConfig } from '../domain/workflow-ids';
import type { PrismaClient } from '../prisma/client';
import type { TemporalGateway } from './temporal-gateway';

export interface ApiDeps {
  prisma: PrismaClient;
  temporal: TemporalGateway;
  temporalWeb: TemporalWebConfig;
  logger: Logger;
}
