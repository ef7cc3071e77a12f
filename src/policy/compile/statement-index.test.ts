import { describe, expect, it } from 'vitest';
import { buildContext } from '../context.js';
import { evaluate } from '../evaluate/evaluate.js';
import { parsePolicy } from '../parse/parse-policy.js';
import type { AuthzRequest } from '../types.js';
import { type CompiledPolicy, compilePolicy } from './compile-policy.js';
import { compilePolicySet } from './compile-policy-set.js';
import { buildStatementIndex, candidateStatements, statementsFor } from './statement-index.js';

function compile(doc: object, id: string): CompiledPolicy {
  const parsed = parsePolicy(JSON.stringify(doc));
  if (!parsed.doc) throw new Error(`${id} does not parse`);
  return compilePolicy(parsed.doc, { id });
}

const allow = (action: string | string[], extra: object = {}) =>
  compile(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*', ...extra }] },
    JSON.stringify(action),
  );

/** `n` identity policies on services and actions the request never touches. */
function unrelated(n: number): CompiledPolicy[] {
  return Array.from({ length: n }, (_, i) =>
    compile(
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: [`svc${i}:Action${i}`, `svc${i}:Other${i}`], Resource: '*' },
          { Effect: 'Deny', Action: `svc${i}:Delete*`, Resource: '*' },
        ],
      },
      `unrelated-${i}`,
    ),
  );
}

const request: AuthzRequest = {
  caller: { type: 'User', arn: 'arn:aws:iam::123456789012:user/alice', account: '123456789012' },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::bucket/key',
  context: buildContext({}),
};

describe('buildStatementIndex', () => {
  it('files exact actions, service wildcards and */NotAction apart', () => {
    const index = buildStatementIndex([
      allow('s3:GetObject'),
      allow('s3:Get*'),
      allow('*'),
      allow('s*:Get*'),
      compile(
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] },
        'not',
      ),
    ]);
    expect([...index.exact.keys()]).toEqual(['s3:getobject']);
    expect([...index.byService.keys()]).toEqual(['s3']);
    expect(index.anyAction.map((e) => e.order)).toEqual([2, 3, 4]);
    expect(index.size).toBe(5);
  });

  it('returns each candidate once, in reading order', () => {
    const index = buildStatementIndex([allow(['s3:GetObject', 'S3:getobject', 's3:Get*']), allow('*')]);
    expect(candidateStatements(index, 'S3:GetObject').map((e) => e.order)).toEqual([0, 1]);
    expect(candidateStatements(index, 'ec2:RunInstances').map((e) => e.order)).toEqual([1]);
  });

  it('keeps, per action, only the statements whose Action or NotAction matches', () => {
    const getObject = allow('s3:GetObject');
    const list = allow('s3:List*');
    const notIam = allow('*');
    const index = buildStatementIndex([getObject, list, notIam]);
    expect(statementsFor(index, 's3:listbucket')).toEqual([list.statements[0], notIam.statements[0]]);
    // The second call is answered by the memo.
    expect(statementsFor(index, 's3:listbucket')).toBe(statementsFor(index, 's3:listbucket'));
    expect(statementsFor(index, 'iam:createuser')).toEqual([notIam.statements[0]]);
  });
});

// The cost of one decision must not grow with unrelated identity policies (10 → 10,000).
describe('decision cost stays flat', () => {
  const relevant = [allow('s3:GetObject'), allow('s3:List*')];
  for (const n of [10, 10_000]) {
    it(`visits only the relevant statements among ${n} unrelated policies`, () => {
      const set = compilePolicySet({ identity: [...unrelated(n), ...relevant] });
      const stats = { statementsVisited: 0 };
      const decision = evaluate(request, set, stats);
      expect(decision.verdict).toBe('Allowed');
      expect(set.identity.size).toBe(2 * n + 2);
      // s3:GetObject (exact) and s3:List* (service bucket) are the only candidates, and only the
      // first one's Action matches: a decision looks at that one statement.
      expect(stats.statementsVisited).toBe(1);
    });
  }
});
