import path from 'node:path';
import { z } from 'zod';
import { parseEnv } from '../../domain/config';
import { BindAddressSchema } from './bind-address';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

export const ROOT = path.resolve(import.meta.dirname, '../..');

const LauncherEnvSchema = z.object({
  HERALD_DATA_DIR: z.string().default(path.join(ROOT, '.data')),
  HERALD_BIND_ADDRESS: BindAddressSchema,
  HERALD_PG_PORT: port(5433),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL').optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_UI_URL: z.url().optional(),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  HERALD_API_PORT: port(4000),
  HERALD_WEB_PORT: port(3000),
  HERALD_WEB_MODE: z.enum(['dev', 'production']).default('dev'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type LauncherConfig = z.infer<typeof LauncherEnvSchema>;

export function launcherConfig(env: NodeJS.ProcessEnv): LauncherConfig {
  const config = parseEnv(LauncherEnvSchema, env);
  return { ...config, HERALD_DATA_DIR: path.resolve(config.HERALD_DATA_DIR) };
}
