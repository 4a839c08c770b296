import type { Response } from 'express';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { principalOf } from '../../http/authenticate';

/** The calling member's user id; null for an API key. */
export function memberIdOf(res: Response): string | null {
  const principal = principalOf(res);
  return principal.kind === 'user' ? principal.userId : null;
}

/** Per-member features (mine, unread, read state) need a member: an API key answers 400 saying so. */
export function requireMember(res: Response, what: string): string {
  const userId = memberIdOf(res);
  if (!userId) {
    throw new AppError(ErrorCodes.VALIDATION, `${what} belongs to a signed-in member; an API key has none. Sign in to the app, or leave it out.`);
  }
  return userId;
}
