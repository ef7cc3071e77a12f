// Runs one case through both engines and classifies the outcome: agreement, a documented
// difference (known-differences.ts), or an unexplained disagreement.

import type { DiffCase, EngineResult } from './case.js';
import { runIamSimulate } from './iam-simulate-adapter.js';
import { explainDisagreement, type KnownDifference } from './known-differences.js';
import { runTrustlab } from './run-trustlab.js';

export type Outcome =
  | { kind: 'agree'; verdict: string }
  | { kind: 'known'; differences: KnownDifference[]; trustlab: string; iamSimulate: string }
  | { kind: 'disagree'; trustlab: string; iamSimulate: string }
  | { kind: 'error'; trustlab: EngineResult; iamSimulate: EngineResult }
  | { kind: 'ignored-context'; keys: string[] };

export async function compareCase(c: DiffCase): Promise<Outcome> {
  const simulated = await runIamSimulate(c);
  // The generator only sends keys AWS sends for the action; a dropped key means the case is unfair.
  if (simulated.ignoredContextKeys.length > 0)
    return { kind: 'ignored-context', keys: simulated.ignoredContextKeys };
  const ours = runTrustlab(c);
  const theirs = simulated.result;
  if (!('verdict' in ours) || !('verdict' in theirs))
    return { kind: 'error', trustlab: ours, iamSimulate: theirs };
  if (ours.verdict === theirs.verdict) return { kind: 'agree', verdict: ours.verdict };
  const verdicts = { trustlab: ours.verdict, iamSimulate: theirs.verdict };
  const differences = await explainDisagreement(c, verdicts, verdictsOf);
  return differences ? { kind: 'known', differences, ...verdicts } : { kind: 'disagree', ...verdicts };
}

async function verdictsOf(
  c: DiffCase,
): Promise<{ trustlab: string | undefined; iamSimulate: string | undefined }> {
  const ours = runTrustlab(c);
  const theirs = (await runIamSimulate(c)).result;
  return {
    trustlab: 'verdict' in ours ? ours.verdict : undefined,
    iamSimulate: 'verdict' in theirs ? theirs.verdict : undefined,
  };
}
