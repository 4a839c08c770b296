import { z } from 'zod';

/*
 * Better Auth's own answers under /api/auth (not Herald's routes, so not in domain/schemas): the pages only need
 * to know it worked; the session itself is the cookie. Fields beyond these are passed through.
 */

/** Sign-in answers `{ redirect, token, user }`. */
export const SignInResponseSchema = z.looseObject({ user: z.looseObject({ id: z.string() }) });
/** Its other POSTs answer `{ status: true }` (or more). */
export const AuthOkSchema = z.looseObject({});
