import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { parseSecretsKey } from '../../providers/credentials/secret-box';

/**
 * `npm start`'s HERALD_SECRETS_KEY when none is set: made once (32 random bytes) and kept in the data directory,
 * readable by its owner only, like the local API key — tenants' credentials sealed under it open on every later
 * start. A kept key that no longer parses stops the start: a fresh key would open none of them.
 */
export async function localSecretsKey(file: string): Promise<{ key: string; created: boolean }> {
  const saved = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (saved !== null) {
    const key = saved.trim();
    try {
      parseSecretsKey(key);
    } catch (error) {
      throw new Error(`${file} does not hold a usable key: ${(error as Error).message} Restore it, or set HERALD_SECRETS_KEY to the key that sealed the stored credentials.`);
    }
    return { key, created: false };
  }
  const key = randomBytes(32).toString('base64');
  // 'wx': a start racing this one keeps the key it wrote, and this one reads it.
  try {
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return localSecretsKey(file);
    throw error;
  }
  return { key, created: true };
}
