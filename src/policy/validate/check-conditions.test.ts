import { describe, expect, it } from 'vitest';
import { codesOf, lintStatements } from './test-lint.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
const when = (Condition: unknown, Action = 's3:GetObject') => ({
  Effect: 'Allow',
  Action,
  Resource: 'arn:aws:s3:::b/*',
  Condition,
});

describe('check-conditions', () => {
  it('accepts known operators, global keys, tag keys, service keys and identity-provider keys', () => {
    const condition = {
      StringEquals: {
        'aws:PrincipalTag/team': 'a',
        's3:ExistingObjectTag/stage': 'prod',
        'sts:ExternalId': 'x',
        'token.actions.githubusercontent.com:sub': 'repo:o/r:*',
      },
      'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['a*'] },
      IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
      Bool: { 'aws:SecureTransport': true },
      Null: { 'aws:MultiFactorAuthAge': 'false' },
    };
    expect(lintStatements(when(condition))).toEqual([]);
  });

  it('reports unknown operators with a suggestion, and Null with IfExists', () => {
    const findings = lintStatements(
      when({ stringEquals: { 'aws:username': 'a' }, NullIfExists: { 'aws:username': 'true' } }),
    );
    expect(codesOf(findings)).toEqual(['invalid-condition-operator', 'null-with-if-exists']);
    expect(findings[0]?.fix).toContain('`StringEquals`');
  });

  it('reports values the operator rejects', () => {
    const findings = lintStatements(
      when({ IpAddress: { 'aws:SourceIp': 'not-an-ip' }, DateLessThan: { 'aws:CurrentTime': 'soon' } }),
    );
    expect(codesOf(findings)).toEqual(['invalid-condition-value', 'invalid-condition-value']);
    expect(findings[0]?.path).toBe('Statement[0].Condition.IpAddress["aws:SourceIp"][0]');
  });

  it('reports unknown keys by kind: global, service, unknown service, bad format', () => {
    const findings = lintStatements(
      when({ StringEquals: { 'aws:SourceIpp': 'a', 's3:bogus': 'b', 'nosuchservice:key': 'c', plain: 'd' } }),
    );
    expect(codesOf(findings)).toEqual([
      'invalid-global-condition-key',
      'invalid-service-condition-key',
      'invalid-service',
      'invalid-condition-key-format',
    ]);
  });

  it('reports keys repeated with different case in one operator block', () => {
    const findings = lintStatements(when({ StringEquals: { 'aws:username': 'a', 'AWS:UserName': 'b' } }));
    expect(codesOf(findings)).toEqual(['duplicate-keys-with-different-case']);
  });
});
