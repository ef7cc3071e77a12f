// The bundled labs are the tutorials trustlab must play out exactly as AWS does.
// Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCase } from '../src/policy/simulate/read-case.js';
import { simulate } from '../src/policy/simulate/simulate.js';

const labs = new URL('../labs/', import.meta.url).pathname;

function casesOf(lab: string): Record<string, unknown>[] {
  return readFileSync(join(labs, lab, 'cases.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe.each(['delegate-access', 'seed-mistakes'])('lab %s', (lab) => {
  it.each(casesOf(lab).map((c) => [c.id, c] as const))('%s decides as expected', (_id, testCase) => {
    const input = readCase(testCase);
    if ('error' in input) throw new Error(input.error.message);
    const result = simulate(input);
    if ('error' in result) throw new Error(result.error.message);
    expect(result.decision).toBe(testCase.expected);
  });
});

describe('delegate-access cases', () => {
  it('inline the very policy files of the lab', () => {
    const policies = join(labs, 'delegate-access', 'policies');
    const files = readdirSync(policies, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.json'),
    );
    const documents = new Set(
      files.map((f) => JSON.stringify(JSON.parse(readFileSync(join(policies, f), 'utf8')))),
    );
    for (const testCase of casesOf('delegate-access')) {
      const inline = [
        ...(testCase.identityPolicies as unknown[]),
        ...(testCase.resourcePolicy ? [testCase.resourcePolicy] : []),
      ];
      for (const policy of inline) expect(documents.has(JSON.stringify(policy))).toBe(true);
    }
  });

  it("gives Theresa AWS's explicit-deny message", () => {
    const theresa = casesOf('delegate-access').find((c) => c.id === 'theresa-is-denied');
    const input = readCase(theresa);
    if ('error' in input) throw new Error(input.error.message);
    const result = simulate(input);
    expect(result).toMatchObject({
      decision: 'ExplicitlyDenied',
      message:
        'User: arn:aws:iam::111111111111:user/Theresa is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::999999999999:role/UpdateApp with an explicit deny in an identity-based policy',
    });
  });
});
