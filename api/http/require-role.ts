import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';
import { roleAtLeast, type Role } from '../../domain/roles';
import { principalOf } from './authenticate';

/** The one place roles are enforced: every tenant operation passes through it with the role it needs. */
export function requireRole(least: Role): RequestHandler {
  return (_req, res, next) => {
    const { role } = principalOf(res);
    if (!roleAtLeast(role, least)) {
      throw new AppError(ErrorCodes.FORBIDDEN, `This needs the ${least} role; the caller is ${role}.`, {
        userMessage: `Only ${least}s${least === 'owner' ? '' : ' and above'} can do this.`,
        details: { required: least, role },
      });
    }
    next();
  };
}
