// Investigation aid: `npx tsx test/differential/find-disagreements.ts [runs] [seed]` prints the
// outcome counts and, for unexplained disagreements, a shrunk (smallest) counterexample as a
// `trustlab simulate --cases` line.

import fc from 'fast-check';
import type { DiffCase } from './case.js';
import { compareCase } from './compare.js';
import { caseArb } from './generators.js';

const runs = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 20261123);

const counts = new Map<string, number>();
const unexplained: DiffCase[] = [];
for (const c of fc.sample(caseArb(), { seed, numRuns: runs })) {
  const outcome = await compareCase(c);
  if (outcome.kind !== 'agree' && outcome.kind !== 'known') unexplained.push(c);
  const key =
    outcome.kind === 'agree'
      ? `agree ${outcome.verdict}`
      : outcome.kind === 'known'
        ? `known ${outcome.differences.map((d) => d.name).join(' + ')}`
        : outcome.kind === 'disagree'
          ? `DISAGREE trustlab=${outcome.trustlab} iam-simulate=${outcome.iamSimulate}`
          : outcome.kind;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
console.log(Object.fromEntries([...counts].sort()));
if (process.env.SHOW_ALL) for (const c of unexplained) console.log(JSON.stringify(c));

const result = await fc.check(
  fc.asyncProperty(caseArb(), async (c: DiffCase) => {
    const outcome = await compareCase(c);
    return outcome.kind === 'agree' || outcome.kind === 'known';
  }),
  { seed, numRuns: runs },
);
if (result.failed && result.counterexample) {
  const [c] = result.counterexample;
  console.log('smallest disagreement:', JSON.stringify(await compareCase(c)));
  console.log(JSON.stringify(c));
}
