import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { verifyResendSignature } from './verify-resend-signature';

// Resend signs with Svix; svix's own signer stands in for Resend here.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const body = JSON.stringify({ type: 'email.delivered', created_at: '2026-11-20T10:00:00.000Z', data: { email_id: 'em_1' } });

function signed(at = new Date(), id = 'msg_2Kq') {
  return { 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': new Webhook(SECRET).sign(id, at, body) };
}

describe('verifyResendSignature', () => {
  it('returns the event when the signature over the raw body is right', () => {
    expect(verifyResendSignature(SECRET, body, signed())).toEqual(JSON.parse(body));
  });

  it('returns null for a forged signature, another body, an old timestamp, missing headers or another secret', () => {
    expect(verifyResendSignature(SECRET, body, { ...signed(), 'svix-signature': 'v1,AAAA' })).toBeNull();
    expect(verifyResendSignature(SECRET, body.replace('em_1', 'em_2'), signed())).toBeNull();
    expect(verifyResendSignature(SECRET, body, signed(new Date(Date.now() - 3_600_000)))).toBeNull();
    expect(verifyResendSignature(SECRET, body, {})).toBeNull();
    expect(verifyResendSignature('whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCAxMjM0NTY=', body, signed())).toBeNull();
  });
});
