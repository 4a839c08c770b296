import { randomUUID } from 'node:crypto';

/** Same shape as the database defaults (`msg_<32 hex>`), for ids the application needs before inserting. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '')}`;
}
