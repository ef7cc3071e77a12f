// Behaviour of evaluate beyond the data-driven cases in test/cases/engine/.
import { describe, expect, it } from 'vitest';
import { type CompiledPolicy, compilePolicy } from '../compile/compile-policy.js';
import { compilePolicySet, type PolicySetInput } from '../compile/compile-policy-set.js';
import { buildContext } from '../context.js';
import { parsePolicy } from '../parse/parse-policy.js';
import type { AuthzRequest } from '../types.js';
import { evaluate } from './evaluate.js';

function compile(statements: object[], id: string): CompiledPolicy {
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
  if (!parsed.doc) throw new Error(`${id} does not parse`);
  return compilePolicy(parsed.doc, { id, name: id });
}

const alice: AuthzRequest = {
  caller: { type: 'User', arn: 'arn:aws:iam::123456789012:user/alice', account: '123456789012' },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::bucket/key',
  context: buildContext({ 'aws:username': 'alice' }),
};
const run = (input: PolicySetInput, request = alice) => evaluate(request, compilePolicySet(input));

describe('evaluate', () => {
  // STYLE.md: a statement that cannot be evaluated is skipped and reported; the engine never throws.
  it('skips an allow with an unknown condition operator and reports it', () => {
    const decision = run({
      identity: [
        compile(
          [
            {
              Effect: 'Allow',
              Action: 's3:*',
              Resource: '*',
              Condition: { StringEqualz: { 'aws:username': 'alice' } },
            },
          ],
          'p',
        ),
      ],
    });
    expect(decision.verdict).toBe('ImplicitlyDenied');
    expect(decision.problems).toHaveLength(1);
    expect(decision.problems[0]).toMatchObject({ side: 'identity', statement: 0, effect: 'Allow' });
    expect(decision.problems[0]?.problem).toContain('StringEqualz');
  });

  it('does not report a broken statement whose action does not match', () => {
    const decision = run({
      identity: [
        compile(
          [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*', Condition: { StringEqualz: { a: 'b' } } }],
          'p',
        ),
        compile([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }], 'q'),
      ],
    });
    expect(decision).toMatchObject({ verdict: 'Allowed', problems: [] });
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
  it('lists every applicable deny and the deciding allows with their Sid and line', () => {
    const identity = [
      compile([{ Sid: 'ReadAll', Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'allow'),
      compile([{ Sid: 'NoKey', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }], 'deny'),
    ];
    const denied = run({
      identity,
      permissionsBoundary: compile([{ Effect: 'Deny', Action: '*', Resource: '*' }], 'b'),
    });
    expect(denied.verdict).toBe('ExplicitlyDenied');
    expect(denied.reasons.map((r) => [r.side, r.policy.id, r.sid])).toEqual([
      ['identity', 'deny', 'NoKey'],
      ['permissionsBoundary', 'b', undefined],
    ]);
    const allowed = run({ identity: identity.slice(0, 1) });
    expect(allowed.reasons).toEqual([
      expect.objectContaining({
        side: 'identity',
        sid: 'ReadAll',
        effect: 'Allow',
        at: expect.objectContaining({ line: 1 }),
      }),
    ]);
  });

  // Policy ARNs are given only within the account:
  // https://aws.amazon.com/blogs/security/enhanced-access-denied-error-messages-with-policy-arns/
  it('names a managed policy ARN in explicit denies within the account, not across accounts', () => {
    const parsed = parsePolicy(
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }),
    );
    if (!parsed.doc) throw new Error('no doc');
    const managed = compilePolicy(parsed.doc, { id: 'arn:aws:iam::123456789012:policy/NoS3' });
    expect(run({ identity: [managed] }).message).toMatch(
      /identity-based policy: arn:aws:iam::123456789012:policy\/NoS3$/,
    );
    const cross = run({ identity: [managed] }, { ...alice, resourceAccount: '999999999999' });
    expect(cross.message).toMatch(/with an explicit deny in an identity-based policy$/);
  });

  it('ignores identity-based policies given for an anonymous caller', () => {
    const decision = run(
      { identity: [compile([{ Effect: 'Allow', Action: '*', Resource: '*' }], 'p')] },
      { ...alice, caller: { type: 'Anonymous', arn: '*' } },
    );
    expect(decision).toMatchObject({ verdict: 'ImplicitlyDenied', missing: 'resource' });
  });
});
