// The body store trustlab serves with: files under the data directory, small bodies inline in `store`.
import type { BodyStore } from './bodies/body-store.js';
import { openFileBodyStore } from './bodies/file-body-store.js';
import { withInlineBodies } from './bodies/inline-body-store.js';
import type { Store } from './store.js';

export function openBodyStore(dataDir: string, store: Store): BodyStore {
  return withInlineBodies(openFileBodyStore(dataDir), {
    get: (id) => store.getInlineBody(id),
    // The record that names the body commits after it and is acknowledged only once synced.
    put: (id, bytes) => store.transaction((tx) => tx.putInlineBody(id, bytes), { durable: false }),
    remove: async (ids) => {
      if (ids.length > 0) await store.transaction((tx) => tx.deleteInlineBodies(ids));
    },
    sweep: () => store.transaction((tx) => tx.sweepInlineBodies()),
  });
}
