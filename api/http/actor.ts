import type { Response } from 'express';
import type { Actor } from '../../domain/audit';
import { principalOf } from './authenticate';

/** Who is making a change, as the event log records it: the signed-in member, or the API key. */
export function actorOf(res: Response): Actor {
  const principal = principalOf(res);
  return principal.kind === 'user' ? { kind: 'user', id: principal.userId } : { kind: 'apiKey', id: principal.apiKeyId };
}
