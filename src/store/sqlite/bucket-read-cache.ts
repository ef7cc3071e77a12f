// Every S3 request reads its bucket and the owner account's Block Public Access settings, which change
// rarely. The store keeps what it read until a group of transactions that wrote either ends (committed
// or rolled back), before any of its members is answered: a read never sees older state than a write
// already acknowledged. Records are frozen, so no caller can change what the next one reads.
import type { StoreReads } from '../store.js';

/** Entries beyond this clear the cache: a lab with many buckets still stays bounded. */
const LIMIT = 10_000;

export class BucketReadCache {
  readonly #reads = new Map<string, Promise<unknown>>();

  /** `reads`, with getBucket and getAccountPublicAccessBlock answered from the cache. */
  wrap(reads: StoreReads): StoreReads {
    return {
      ...reads,
      getBucket: (name) => this.#remember(`bucket\n${name}`, () => reads.getBucket(name)),
      getAccountPublicAccessBlock: (accountId) =>
        this.#remember(`account\n${accountId}`, () => reads.getAccountPublicAccessBlock(accountId)),
    };
  }

  clear(): void {
    this.#reads.clear();
  }

  #remember<T>(key: string, read: () => Promise<T>): Promise<T> {
    const known = this.#reads.get(key) as Promise<T> | undefined;
    if (known) return known;
    if (this.#reads.size >= LIMIT) this.#reads.clear();
    // INVARIANT: the store's reads run their statement before returning, so what is kept was read now.
    const reading = read().then(deepFreeze);
    this.#reads.set(key, reading);
    reading.catch(() => {
      if (this.#reads.get(key) === reading) this.#reads.delete(key);
    });
    return reading;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
