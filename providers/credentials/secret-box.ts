import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A secret sealed with AES-256-GCM: what is stored, beside the name of the key that sealed it. */
export interface SealedSecret {
  /** The sealing key's fingerprint (`k_…`): a later key rotation knows which key opens which row. */
  keyId: string;
  /** 12 random bytes, new for every seal. */
  iv: Uint8Array;
  /** GCM's 16-byte tag: any change to the ciphertext, the IV or the associated data fails the open. */
  authTag: Uint8Array;
  ciphertext: Uint8Array;
}

const KEY_HELP = 'HERALD_SECRETS_KEY must be 32 random bytes in base64 (44 characters), e.g. the output of `openssl rand -base64 32`';

/** The key from its base64 form; anything but exactly 32 bytes of canonical base64 is refused with what it needs. */
export function parseSecretsKey(value: string): Buffer {
  const trimmed = value.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed) || key.length !== 32 || key.toString('base64') !== trimmed) {
    throw new Error(`${KEY_HELP}.`);
  }
  return key;
}

/** A key's public name: a hash of it under a fixed label, so it identifies the key without revealing it. */
function fingerprint(key: Buffer): string {
  return `k_${createHash('sha256').update('herald-secrets-key-id\0').update(key).digest('hex').slice(0, 16)}`;
}

/**
 * Encryption at rest for tenants' provider secrets: AES-256-GCM from node:crypto, a fresh 12-byte IV per seal,
 * and associated data that binds a ciphertext to its row (tenant and provider), so a sealed secret copied to
 * another tenant's row does not open. The key comes from HERALD_SECRETS_KEY and never leaves the process.
 */
export class SecretBox {
  readonly keyId: string;

  private constructor(private readonly key: Buffer) {
    this.keyId = fingerprint(key);
  }

  static fromBase64(value: string): SecretBox {
    return new SecretBox(parseSecretsKey(value));
  }

  seal(plaintext: string, associatedData: string): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.keyId, iv, authTag: cipher.getAuthTag(), ciphertext };
  }

  open(sealed: SealedSecret, associatedData: string): string {
    if (sealed.keyId !== this.keyId) {
      throw new Error(`This secret was sealed under key ${sealed.keyId}, but HERALD_SECRETS_KEY is key ${this.keyId}.`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.authTag));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext)), decipher.final()]).toString('utf8');
    } catch {
      // GCM says only that the tag did not match; the reason (tampering, a row moved, a wrong key) is not knowable.
      throw new Error('A stored secret could not be opened: it was changed, or it belongs to another row.');
    }
  }
}

/**
 * Why the stored secrets cannot be opened with the configured key, or null when they can: checked when the API
 * and the worker start, so a missing or changed HERALD_SECRETS_KEY stops them with the reason instead of failing
 * every send of the tenants concerned.
 */
export function secretsKeyProblem(box: SecretBox | null, storedKeyIds: string[]): string | null {
  if (storedKeyIds.length === 0) return null;
  if (!box) {
    return `HERALD_SECRETS_KEY is not set, but tenants' provider credentials are stored, sealed under key ${storedKeyIds.join(', ')}: set it to the key that sealed them.`;
  }
  const foreign = storedKeyIds.filter((id) => id !== box.keyId);
  if (foreign.length === 0) return null;
  return `Some tenants' provider credentials are sealed under key ${foreign.join(', ')}, but HERALD_SECRETS_KEY is key ${box.keyId}: set it to the key that sealed them.`;
}
