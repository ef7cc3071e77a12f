// The key that seals encoded authorization messages: one per data directory, so tokens outlive a
// restart; a fresh one for `:memory:`. Kept beside the SQLite file, readable by its owner only.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthorizationMessages } from '../services/sts/authorization-message.js';

const FILE = 'authorization-message.key';

/** The sealer of encoded authorization messages for a data directory. */
export function authorizationMessages(dataDir: string): AuthorizationMessages {
  return new AuthorizationMessages(authorizationMessageKey(dataDir));
}

export function authorizationMessageKey(dataDir: string): Buffer {
  if (dataDir === ':memory:') return randomBytes(32);
  const file = join(dataDir, FILE);
  try {
    const key = readFileSync(file);
    if (key.length === 32) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
