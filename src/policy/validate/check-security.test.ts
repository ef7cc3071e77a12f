import { describe, expect, it } from 'vitest';
import { codesOf, lintStatements } from './test-lint.js';

// Security warnings: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
describe('check-security', () => {
  const bucket = { Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };

  it('Allow with NotPrincipal', () => {
    const findings = lintStatements(
      { Effect: 'Allow', NotPrincipal: { AWS: '111122223333' }, ...bucket },
      'resource',
    );
    expect(codesOf(findings)).toEqual(['allow-with-not-principal']);
    expect(findings[0]?.severity).toBe('SECURITY_WARNING');
  });

  it('a public principal without a condition, in both spellings', () => {
    for (const Principal of ['*', { AWS: '*' }]) {
      expect(codesOf(lintStatements({ Effect: 'Allow', Principal, ...bucket }, 'resource'))).toEqual([
        'public-principal-without-condition',
      ]);
    }
    const withCondition = {
      Effect: 'Allow',
      Principal: '*',
      ...bucket,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } },
    };
    expect(lintStatements(withCondition, 'resource')).toEqual([]);
    expect(lintStatements({ Effect: 'Deny', Principal: '*', ...bucket }, 'resource')).toEqual([]);
  });

  it('Allow with NotAction or NotResource', () => {
    const findings = lintStatements({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::b' });
    expect(codesOf(findings)).toEqual(['allow-with-not-action', 'allow-with-not-resource']);
  });

  it('iam:PassRole on `*`, also through wildcards', () => {
    for (const Action of ['iam:PassRole', 'iam:Pass*', 'iam:*']) {
      expect(codesOf(lintStatements({ Effect: 'Allow', Action, Resource: '*' }))).toEqual([
        'pass-role-with-star-in-resource',
      ]);
    }
    expect(
      lintStatements({
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: 'arn:aws:iam::111122223333:role/app',
      }),
    ).toEqual([]);
  });
});
