// Runs `prisma generate` offline. Prisma's CLI insists on a schema-engine binary it would otherwise
// download (the download host is unreachable here, and generate never uses it), so point it at a file that
// exists. The generated client (prisma/generated) needs no engine: it talks to Postgres via @prisma/adapter-pg.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
const result = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
