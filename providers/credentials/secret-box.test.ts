import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSecretsKey, SecretBox, secretsKeyProblem } from './secret-box';

const key = () => randomBytes(32).toString('base64');

describe('SecretBox (AES-256-GCM)', () => {
  it('opens what it sealed, and the sealed form holds no trace of the plaintext', () => {
    const box = SecretBox.fromBase64(key());
    const secret = 'f3b1c0de9a8b7c6d5e4f3a2b1c0d9e8f';
    const sealed = box.seal(secret, 'ten_a:twilio');
    expect(sealed.keyId).toBe(box.keyId);
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.authTag).toHaveLength(16);
    for (const part of [sealed.iv, sealed.authTag, sealed.ciphertext]) {
      expect(Buffer.from(part).includes(secret)).toBe(false);
      expect(Buffer.from(part).toString('base64')).not.toContain(Buffer.from(secret).toString('base64').slice(0, 12));
    }
    expect(box.open(sealed, 'ten_a:twilio')).toBe(secret);
  });

  it('uses a fresh IV for every seal', () => {
    const box = SecretBox.fromBase64(key());
    const a = box.seal('same', 'x');
    const b = box.seal('same', 'x');
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.ciphertext).equals(Buffer.from(b.ciphertext))).toBe(false);
  });

  it('refuses a ciphertext moved to another row (associated data), tampered with, or sealed under another key', () => {
    const box = SecretBox.fromBase64(key());
    const sealed = box.seal('secret-value', 'ten_a:twilio');
    expect(() => box.open(sealed, 'ten_b:twilio')).toThrow(/could not be opened/);
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open({ ...sealed, ciphertext: flipped }, 'ten_a:twilio')).toThrow(/could not be opened/);
    const other = SecretBox.fromBase64(key());
    expect(() => other.open(sealed, 'ten_a:twilio')).toThrow(new RegExp(`sealed under key ${sealed.keyId}`));
  });

  it('names a key by a fingerprint that is stable and reveals nothing of it', () => {
    const k = key();
    expect(SecretBox.fromBase64(k).keyId).toBe(SecretBox.fromBase64(k).keyId);
    expect(SecretBox.fromBase64(k).keyId).toMatch(/^k_[0-9a-f]{16}$/);
    expect(SecretBox.fromBase64(key()).keyId).not.toBe(SecretBox.fromBase64(k).keyId);
  });
});

describe('parseSecretsKey', () => {
  it('takes 32 bytes in base64', () => {
    expect(parseSecretsKey(key())).toHaveLength(32);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(48).toString('base64')],
    ['not base64', `${'!'.repeat(43)}=`],
    ['hex', randomBytes(32).toString('hex')],
  ])('refuses a key that is %s, saying what it needs', (_what, value) => {
    expect(() => parseSecretsKey(value)).toThrow(/HERALD_SECRETS_KEY must be 32 random bytes in base64.*openssl rand -base64 32/);
  });
});

describe('secretsKeyProblem', () => {
  it('is silent when every stored secret was sealed under the configured key, or none is stored', () => {
    const box = SecretBox.fromBase64(key());
    expect(secretsKeyProblem(box, [box.keyId])).toBeNull();
    expect(secretsKeyProblem(null, [])).toBeNull();
  });

  it('says when stored secrets cannot be opened: no key, or another key', () => {
    const box = SecretBox.fromBase64(key());
    expect(secretsKeyProblem(null, ['k_0123456789abcdef'])).toMatch(/HERALD_SECRETS_KEY is not set.*k_0123456789abcdef/);
    expect(secretsKeyProblem(box, ['k_0123456789abcdef'])).toMatch(new RegExp(`sealed under key k_0123456789abcdef.*HERALD_SECRETS_KEY is key ${box.keyId}`));
  });
});
