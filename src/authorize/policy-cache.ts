import { type CompiledPolicy, compilePolicy } from '../policy/compile/compile-policy.js';
import { parsePolicy } from '../policy/parse/parse-policy.js';
import type { PolicyRef } from '../policy/types.js';
import type { Store } from '../store/store.js';

// Stored documents were validated when written; compiling one costs ~25 µs, so each text is compiled
// once and kept. The bound only stops a long-running lab from growing without limit.
const LIMIT = 10_000;

/**
 * Compiles stored policy documents once, keyed by the policy's id and its exact text; and keeps what
 * authorization read from the store (the caller, its policies, a role's trust policy) until the store's
 * IAM epoch moves, which it does with every committed IAM change: a request never sees older IAM state
 * than one that started after the change was acknowledged.
 */
export class PolicyCache {
  readonly #compiled = new Map<string, CompiledPolicy>();
  readonly #reads = new Map<string, Promise<unknown>>();
  #epoch = -1;

  compile(ref: PolicyRef, text: string): CompiledPolicy | undefined {
    const key = `${ref.id}\n${text}`;
    const known = this.#compiled.get(key);
    if (known) return known;
    const parsed = parsePolicy(text);
    // INVARIANT: stored documents parsed when they were written; one that no longer does is skipped.
    if (!parsed.doc) return undefined;
    const compiled = compilePolicy(parsed.doc, ref);
    if (this.#compiled.size >= LIMIT) this.#compiled.clear();
    this.#compiled.set(key, compiled);
    return compiled;
  }

  /**
   * What `read` answers, read once per IAM epoch. The epoch is taken before reading: a read that an IAM
   * commit overtakes is kept under the old epoch, which no later request asks for. An answer `keep`
   * refuses is not kept (state that changes without moving the epoch, such as a session yet to come).
   */
  remember<T>(
    store: Pick<Store, 'iamEpoch'>,
    key: string,
    read: () => Promise<T>,
    keep: (value: T) => boolean = () => true,
  ): Promise<T> {
    const epoch = store.iamEpoch();
    if (epoch !== this.#epoch || this.#reads.size >= LIMIT) {
      this.#reads.clear();
      this.#epoch = epoch;
    }
    const known = this.#reads.get(key) as Promise<T> | undefined;
    if (known) return known;
    const reading = read();
    this.#reads.set(key, reading);
    const forget = () => {
      if (this.#reads.get(key) === reading) this.#reads.delete(key);
    };
    // A failed read (a principal deleted mid-way) is not kept: the next request reads again.
    reading.then((value) => keep(value) || forget(), forget);
    return reading;
  }
}
