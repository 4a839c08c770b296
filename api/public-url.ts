import type { Request } from 'express';
import type { ApiDeps } from './deps';

/** Where leads reach this API: the configured public URL, else what this request was addressed to. */
export function publicBaseUrl(deps: ApiDeps, req: Request): string {
  return deps.publicUrl ?? deps.webhooks?.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
