// Reads that every request makes and that change rarely, kept in memory: each S3 request's bucket and
// its owner's account Block Public Access, AssumeRole's role. The store clears a cache when a group of
// transactions that wrote what it holds ends (committed or rolled back), before any of its members is
// answered: a read never sees older state than a write already acknowledged. (Right after a commit a
// read on the reader connection costs twice what it costs in a steady state: keeping these matters.)
// Records are frozen, so no caller can change what the next one reads.
import type { StoreReads } from '../store.js';

/** Entries beyond this clear the cache: a lab with many buckets or roles still stays bounded. */
const LIMIT = 10_000;

type Read = (...args: never[]) => Promise<unknown>;

export class ReadCache {
  readonly #reads = new Map<string, Promise<unknown>>();

  /** `reads`, with the named methods answered from the cache. */
  wrap<K extends keyof StoreReads>(reads: StoreReads, methods: readonly K[]): StoreReads {
    const wrapped: Partial<StoreReads> = {};
    for (const method of methods) {
      const read = reads[method] as Read;
      (wrapped as Record<string, Read>)[method] = (...args) =>
        this.#remember(`${method}\n${args.join('\n')}`, () => read.apply(reads, args));
    }
    return { ...reads, ...wrapped };
  }

  clear(): void {
    this.#reads.clear();
  }

  #remember(key: string, read: () => Promise<unknown>): Promise<unknown> {
    const known = this.#reads.get(key);
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
