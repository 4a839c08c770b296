import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretBox } from '../../providers/credentials/secret-box';
import { localSecretsKey } from './local-secrets-key';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'herald-secrets-key-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('localSecretsKey', () => {
  it('makes a key on the first start, readable by its owner only, and keeps it for every later start', async () => {
    const file = path.join(dir, 'secrets-key');
    const first = await localSecretsKey(file);
    expect(first.created).toBe(true);
    expect(() => SecretBox.fromBase64(first.key)).not.toThrow();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.key);
    const second = await localSecretsKey(file);
    expect(second).toEqual({ key: first.key, created: false });
  });

  it('stops with the reason when the kept key was damaged, rather than making a new one that opens nothing', async () => {
    const file = path.join(dir, 'secrets-key');
    await writeFile(file, 'not a key\n', { mode: 0o600 });
    await expect(localSecretsKey(file)).rejects.toThrow(new RegExp(`${file}.*HERALD_SECRETS_KEY must be 32 random bytes`));
    expect(await readFile(file, 'utf8')).toBe('not a key\n');
  });
});
