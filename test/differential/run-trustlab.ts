// Runs a differential case through trustlab's engine, the way `trustlab simulate --cases` does
// (readCase → simulate: parse → compile → compilePolicySet → evaluate), and, for the benchmark,
// splits the same work into compile-once and evaluate-many.

import type { CompiledPolicy } from '../../src/policy/compile/compile-policy.js';
import { compilePolicySet, type PolicySet } from '../../src/policy/compile/compile-policy-set.js';
import { evaluate } from '../../src/policy/evaluate/evaluate.js';
import { readCase } from '../../src/policy/simulate/read-case.js';
import {
  buildRequest,
  compileSimulationPolicies,
  compileSource,
  simulate,
} from '../../src/policy/simulate/simulate.js';
import type { AuthzRequest, Decision } from '../../src/policy/types.js';
import type { DiffCase, EngineResult } from './case.js';

export function runTrustlab(c: DiffCase): EngineResult {
  try {
    const input = readCase(c);
    if ('error' in input) return { error: `trustlab: ${input.error.code}: ${input.error.message}` };
    const result = simulate(input);
    if ('error' in result) return { error: `trustlab: ${result.error.code}: ${result.error.message}` };
    return { verdict: result.decision };
  } catch (error) {
    return { error: `trustlab threw: ${(error as Error).stack ?? String(error)}` };
  }
}

/** A case compiled once: what the server holds between requests. */
export interface PreparedTrustlabCase {
  request: AuthzRequest;
  set: PolicySet;
}

/** `extraIdentity`: already compiled identity policies to add (the benchmark's unrelated policies). */
export function prepareTrustlab(
  c: DiffCase,
  extraIdentity: readonly CompiledPolicy[] = [],
): PreparedTrustlabCase {
  const input = readCase(c);
  if ('error' in input) throw new Error(input.error.message);
  const request = buildRequest(input);
  if (typeof request === 'string') throw new Error(request);
  const policies = compileSimulationPolicies(input);
  if ('error' in policies) throw new Error(policies.error);
  const set = compilePolicySet({ ...policies, identity: [...extraIdentity, ...policies.identity] });
  return { request, set };
}

export function evaluatePrepared(prepared: PreparedTrustlabCase): Decision {
  return evaluate(prepared.request, prepared.set);
}

/** Parses and compiles one policy given as JSON, as a stored policy would be. */
export function compilePolicyJson(policy: unknown, id: string): CompiledPolicy {
  const compiled = compileSource({ text: JSON.stringify(policy, null, 2), ref: { id } });
  if (typeof compiled === 'string') throw new Error(compiled);
  return compiled;
}
