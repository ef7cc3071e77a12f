// Runs every engine case in test/cases/engine/*.json through parse → compile → evaluate.
// Each case cites the AWS documentation page its expectation comes from.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CompiledPolicy, compilePolicy } from '../src/policy/compile/compile-policy.js';
import { compilePolicySet, type PolicySetInput } from '../src/policy/compile/compile-policy-set.js';
import { buildContext } from '../src/policy/context.js';
import { callerFromArn } from '../src/policy/evaluate/caller-from-arn.js';
import { evaluate } from '../src/policy/evaluate/evaluate.js';
import { principalContext } from '../src/policy/evaluate/principal-context.js';
import { parsePolicy } from '../src/policy/parse/parse-policy.js';
import type { AuthzRequest, ContextValue, PolicyRef, PolicySide, Verdict } from '../src/policy/types.js';

/** A policy document, or `{ id, name?, document }` to give it a PolicyRef (e.g. a policy ARN). */
type CasePolicy = Record<string, unknown>;

interface EngineCase {
  name: string;
  doc: string;
  request: {
    principal: string;
    action: string;
    resource: string;
    resourceAccount?: string;
    context?: Record<string, ContextValue>;
    /** Overrides for what a principal ARN cannot show. */
    roleArn?: string;
    federatedProvider?: string;
  };
  identityPolicies: CasePolicy[];
  resourcePolicy?: CasePolicy;
  permissionsBoundary?: CasePolicy;
  sessionPolicies?: CasePolicy[];
  scps?: CasePolicy[][];
  rcps?: CasePolicy[][];
  expected: Verdict;
  /** `missing` for ImplicitlyDenied, `deniedBy` for ExplicitlyDenied. */
  expectedSide?: PolicySide;
  expectedMessage?: string;
}

const CASES_DIR = join(import.meta.dirname, 'cases', 'engine');
const files = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('engine cases', () => {
  it('has at least 80 cases, each citing an AWS documentation page', () => {
    const all = files.flatMap((f) => loadCases(f));
    expect(all.length).toBeGreaterThanOrEqual(80);
    for (const c of all)
      expect(c.doc, c.name).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//);
  });

  for (const file of files) {
    describe(file, () => {
      for (const c of loadCases(file)) {
        it(`${c.name} — ${c.doc}`, () => {
          const decision = evaluate(toRequest(c), compilePolicySet(compileCase(c)));
          expect(decision.verdict).toBe(c.expected);
          expect(decision.problems).toEqual([]);
          if (c.expected === 'Allowed') {
            expect(decision.message).toBeNull();
            // The root user's own-account access needs no statement; every other allow cites one.
            if (!c.request.principal.endsWith(':root')) expect(decision.reasons.length).toBeGreaterThan(0);
          } else {
            expect(decision.message).toMatch(/^User: .* is not authorized to perform: /);
          }
          if (c.expected === 'ExplicitlyDenied')
            expect(decision.reasons.every((r) => r.effect === 'Deny')).toBe(true);
          if (c.expectedSide !== undefined) {
            expect(c.expected === 'ExplicitlyDenied' ? decision.deniedBy : decision.missing).toBe(
              c.expectedSide,
            );
          }
          if (c.expectedMessage !== undefined) expect(decision.message).toBe(c.expectedMessage);
        });
      }
    });
  }
});

function loadCases(file: string): EngineCase[] {
  return JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8')) as EngineCase[];
}

function toRequest(c: EngineCase): AuthzRequest {
  const parsed = callerFromArn(c.request.principal);
  if (!parsed) throw new Error(`case ${c.name}: unsupported principal ${c.request.principal}`);
  const caller = { ...parsed };
  if (c.request.roleArn !== undefined) caller.roleArn = c.request.roleArn;
  if (c.request.federatedProvider !== undefined) caller.federatedProvider = c.request.federatedProvider;
  const resourceAccount = c.request.resourceAccount ?? accountOfArn(c.request.resource) ?? caller.account;
  return {
    caller,
    action: c.request.action,
    resource: c.request.resource,
    ...(resourceAccount === undefined ? {} : { resourceAccount }),
    context: buildContext({ ...principalContext(caller), ...c.request.context }),
  };
}

function compileCase(c: EngineCase): PolicySetInput {
  const one = (policy: CasePolicy, where: string): CompiledPolicy => {
    const wrapped = 'document' in policy;
    const document = wrapped ? policy.document : policy;
    const ref: PolicyRef = wrapped
      ? { id: String(policy.id), ...(policy.name === undefined ? {} : { name: String(policy.name) }) }
      : { id: `${c.name} ${where}` };
    const parsed = parsePolicy(JSON.stringify(document, null, 2));
    if (!parsed.doc) {
      throw new Error(
        `case ${c.name}: ${where} does not parse: ${parsed.findings.map((f) => f.message).join('; ')}`,
      );
    }
    return compilePolicy(parsed.doc, ref);
  };
  const input: PolicySetInput = { identity: c.identityPolicies.map((p, i) => one(p, `identity[${i}]`)) };
  if (c.resourcePolicy) input.resource = one(c.resourcePolicy, 'resource');
  if (c.permissionsBoundary) input.permissionsBoundary = one(c.permissionsBoundary, 'boundary');
  if (c.sessionPolicies) input.sessionPolicies = c.sessionPolicies.map((p, i) => one(p, `session[${i}]`));
  if (c.scps) input.scps = c.scps.map((level, l) => level.map((p, i) => one(p, `scp[${l}][${i}]`)));
  if (c.rcps) input.rcps = c.rcps.map((level, l) => level.map((p, i) => one(p, `rcp[${l}][${i}]`)));
  return input;
}

function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}
