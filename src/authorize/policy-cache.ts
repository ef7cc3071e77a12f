import { type CompiledPolicy, compilePolicy } from '../policy/compile/compile-policy.js';
import { parsePolicy } from '../policy/parse/parse-policy.js';
import type { PolicyRef } from '../policy/types.js';

// Stored documents were validated when written; compiling one costs ~25 µs, so each text is compiled
// once and kept. The bound only stops a long-running lab from growing without limit.
const LIMIT = 10_000;

/** Compiles stored policy documents once, keyed by the policy's id and its exact text. */
export class PolicyCache {
  readonly #compiled = new Map<string, CompiledPolicy>();

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
}
