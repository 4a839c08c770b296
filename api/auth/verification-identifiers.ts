import { createHash } from 'node:crypto';

/**
 * How Better Auth stores verification identifiers (reset tokens among them): SHA-256, so a copy of the database
 * holds no token that works. The tokens are long random strings, so a plain hash (no salt, no stretching) is
 * enough; and it must be deterministic, because Better Auth finds a row by the hash of what the caller presents.
 */
export async function hashVerificationIdentifier(identifier: string): Promise<string> {
  return `sha256:${createHash('sha256').update(identifier, 'utf8').digest('base64url')}`;
}

/** The identifier Better Auth gives a password-reset token (`reset-password:<token>`), as stored. */
export function storedResetIdentifier(token: string): Promise<string> {
  return hashVerificationIdentifier(`reset-password:${token}`);
}
