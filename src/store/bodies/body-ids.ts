// Body ids: random UUIDs (Node fills them from a pool of random bytes: one randomBytes call per id
// cost ~5 % of a small PUT's time). A body kept inline in the database has the `i.` prefix, which
// no file name of the body store can have, so an id alone says where its bytes are.
import { randomUUID } from 'node:crypto';

const INLINE_PREFIX = 'i.';

export function newBodyId(): string {
  return randomUUID();
}

export function newInlineBodyId(): string {
  return `${INLINE_PREFIX}${newBodyId()}`;
}

export function isInlineBodyId(id: string): boolean {
  return id.startsWith(INLINE_PREFIX);
}
