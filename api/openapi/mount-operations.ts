import { Router, type RequestHandler } from 'express';
import type { ApiDeps } from '../deps';
import { authenticate } from '../http/authenticate';
import { authenticateIngest } from '../http/authenticate-ingest';
import { parseBody } from '../http/body-parsers';
import { leadFormAccess } from '../http/lead-form-access';
import { ingestTokenRateLimit, leadFormRateLimit } from '../http/rate-limit';
import { rejectUnstorableText } from '../http/reject-unstorable-text';
import { requireRole } from '../http/require-role';
import { requiredRole, type OperationGroup } from './operation';

/**
 * Registers a group's operations on a router, each behind the same steps in the same order: who is calling (with
 * the role the operation needs; for an ingest token, its rate limit; for a lead form, the page's origin and the
 * form's limits), the body in its media type, no text a column cannot store, well-formed
 * path parameters — then the handler.
 */
export function mountOperations(group: OperationGroup, deps: ApiDeps): Router {
  const router = Router();
  for (const middleware of group.before?.(deps) ?? []) router.use(middleware);
  const auth: Partial<Record<string, RequestHandler[]>> = {};
  for (const op of group.operations) {
    // An ingest token is rate-limited as soon as it is known: before the body is read, refused calls included.
    const who =
      op.security === 'apiKey'
        ? [...(auth.apiKey ??= [authenticate(deps.prisma, deps.systemPrisma, deps.sessions)]), requireRole(requiredRole(op))]
        : op.security === 'ingestToken'
          ? (auth.ingestToken ??= [authenticateIngest(deps.prisma, deps.systemPrisma), ingestTokenRateLimit()])
          : op.security === 'leadForm'
            ? // The form and the page's grant come first, so the page can read every answer, limits included.
              (auth.leadForm ??= [...leadFormAccess(deps), leadFormRateLimit()])
            : [];
    const params = op.params;
    const chain: RequestHandler[] = [
      ...who,
      ...(op.body ? parseBody(op.body.kind, op.body.limit) : []),
      rejectUnstorableText,
      ...(params
        ? [
            ((req, _res, next) => {
              params.parse(req.params);
              next();
            }) satisfies RequestHandler,
          ]
        : []),
      ...(op.middleware?.(deps) ?? []),
      op.handler(deps),
    ];
    router[op.method](op.path, ...chain);
  }
  return router;
}
