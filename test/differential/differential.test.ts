// Differential test: trustlab's engine against @cloud-copilot/iam-simulate on generated cases.
// Every disagreement must be explained by an entry of known-differences.ts (its rewrite makes both
// engines agree on the right verdict); each entry's count is bounded, and anything else fails the
// test. DIFF_RUNS and DIFF_SEED override the defaults; find-disagreements.ts helps investigate.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DiffCase } from './case.js';
import { compareCase, type Outcome } from './compare.js';
import { caseArb } from './generators.js';
import { KNOWN_DIFFERENCES } from './known-differences.js';

const RUNS = Number(process.env.DIFF_RUNS ?? 2000);
const SEED = Number(process.env.DIFF_SEED ?? 20261123);

describe('trustlab agrees with iam-simulate', () => {
  it(`on ${RUNS} generated cases (seed ${SEED}), apart from documented differences`, async () => {
    const cases = fc.sample(caseArb(), { seed: SEED, numRuns: RUNS });
    const verdicts = new Map<string, number>();
    const known = new Map<string, number>();
    const problems: { outcome: Outcome; case: DiffCase }[] = [];
    for (const c of cases) {
      const outcome = await compareCase(c);
      if (outcome.kind === 'agree') verdicts.set(outcome.verdict, (verdicts.get(outcome.verdict) ?? 0) + 1);
      else if (outcome.kind === 'known') {
        for (const d of outcome.differences) known.set(d.name, (known.get(d.name) ?? 0) + 1);
      } else problems.push({ outcome, case: c });
    }
    // Shown in full on failure: the first few cases, each ready to paste into `trustlab simulate --cases`.
    expect(problems.slice(0, 5).map((p) => ({ ...p.outcome, case: JSON.stringify(p.case) }))).toEqual([]);
    expect(problems.length).toBe(0);
    for (const difference of KNOWN_DIFFERENCES) {
      expect(known.get(difference.name) ?? 0, difference.name).toBeLessThanOrEqual(
        (difference.maxCases * RUNS) / 2000,
      );
    }
    console.log(
      `differential: ${JSON.stringify(Object.fromEntries(verdicts))} agreed; explained: ${JSON.stringify(Object.fromEntries(known))}`,
    );
    // The comparison only means something if the generator reaches every verdict often.
    for (const verdict of ['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied']) {
      expect(verdicts.get(verdict) ?? 0, verdict).toBeGreaterThan(RUNS / 10);
    }
  }, 120_000);
});
