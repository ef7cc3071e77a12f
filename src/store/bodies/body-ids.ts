// Body ids: 128 random bits, url-safe. A body kept inline in the database has the `i.` prefix, which
// no file name of the body store can have, so an id alone says where its bytes are.
import { randomBytes } from 'node:crypto';

const INLINE_PREFIX = 'i.';

export function newBodyId(): string {
  return randomBytes(16).toString('base64url');
}

export function newInlineBodyId(): string {
  return `${INLINE_PREFIX}${newBodyId()}`;
}

export function isInlineBodyId(id: string): boolean {
  return id.startsWith(INLINE_PREFIX);
}
