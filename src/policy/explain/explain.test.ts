import { describe, expect, it } from 'vitest';
import { buildContext } from '../context.js';
import type { AuthzRequest, Decision } from '../types.js';
import { explainDecision } from './explain.js';
import { explainResult } from './explain-result.js';

const request: AuthzRequest = {
  caller: { type: 'User', arn: 'arn:aws:iam::111111111111:user/Theresa', account: '111111111111' },
  action: 'sts:AssumeRole',
  resource: 'arn:aws:iam::999999999999:role/UpdateApp',
  resourceAccount: '999999999999',
  context: buildContext({}),
};

describe('explainDecision', () => {
  it('shows the verdict, the deciding statement with its policy, Sid and line, and the AWS message', () => {
    const decision: Decision = {
      verdict: 'ExplicitlyDenied',
      deniedBy: 'identity',
      reasons: [
        {
          side: 'identity',
          policy: { id: 'group/Testers/inline/deny', name: 'deny-assume-S3-role-in-production' },
          statement: 0,
          sid: 'NoProd',
          effect: 'Deny',
          at: { line: 3, column: 17, offset: 40 },
        },
      ],
      message: 'User: arn:aws:iam::111111111111:user/Theresa is not authorized …',
      problems: [],
    };
    const text = explainDecision(request, decision).split('\n');
    expect(text[0]).toBe(
      'ExplicitlyDenied: arn:aws:iam::111111111111:user/Theresa → sts:AssumeRole on arn:aws:iam::999999999999:role/UpdateApp',
    );
    expect(text).toContain('explicit deny in identity-based policy:');
    expect(text).toContain(
      '  Deny identity-based policy deny-assume-S3-role-in-production Statement[0] (Sid "NoProd"), line 3',
    );
    expect(text.at(-1)).toBe(`AWS message: ${decision.message}`);
  });

  it('names the missing side of an implicit deny and lists skipped statements', () => {
    const decision: Decision = {
      verdict: 'ImplicitlyDenied',
      missing: 'resource',
      reasons: [],
      message: 'm',
      problems: [
        {
          side: 'resource',
          policy: { id: 'trust' },
          statement: 1,
          effect: 'Allow',
          problem: 'unknown condition operator `X`',
        },
      ],
    };
    const text = explainDecision(request, decision);
    expect(text).toContain('no role trust policy allows sts:AssumeRole');
    expect(text).toContain('  Allow role trust policy trust Statement[1]: unknown condition operator `X`');
  });
});

describe('explainResult', () => {
  it('explains a simulate result line the same way', () => {
    const text = explainResult({
      decision: 'ImplicitlyDenied',
      message: 'User: x is not authorized',
      explanation: { reasons: [], missing: 'permissionsBoundary', problems: [] },
    });
    expect(text).toBe('no permissions boundary allows the action\nAWS message: User: x is not authorized');
  });
});
