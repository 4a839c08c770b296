import { defineConfig } from 'prisma/config';

// Only `prisma generate` uses this file: migrations are dbmate's SQL files, and the runtime connects
// through @prisma/adapter-pg (prisma/client.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/herald' },
});
