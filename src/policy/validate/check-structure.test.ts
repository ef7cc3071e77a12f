import { describe, expect, it } from 'vitest';
import { codesOf, lintStatements, withCode } from './test-lint.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
const allow = { Effect: 'Allow', Action: 'sts:AssumeRole' };
const principal = { AWS: 'arn:aws:iam::111122223333:root' };

describe('check-structure: elements by policy kind', () => {
  it('identity policies need Resource and may not name a Principal', () => {
    expect(codesOf(lintStatements(allow))).toEqual(['missing-resource']);
    expect(codesOf(lintStatements({ ...allow, Resource: '*', Principal: principal }))).toEqual([
      'unsupported-principal',
    ]);
    for (const kind of ['boundary', 'session', 'scp'] as const) {
      expect(codesOf(lintStatements({ ...allow, Resource: '*', Principal: principal }, kind))).toContain(
        'unsupported-principal',
      );
    }
  });

  it('trust policies need a Principal, have no Resource and no NotPrincipal', () => {
    expect(codesOf(lintStatements(allow, 'trust'))).toEqual(['missing-principal']);
    expect(codesOf(lintStatements({ ...allow, Principal: principal, Resource: '*' }, 'trust'))).toEqual([
      'role-trust-policy-syntax-error-resource',
    ]);
    expect(codesOf(lintStatements({ ...allow, Effect: 'Deny', NotPrincipal: principal }, 'trust'))).toEqual([
      'role-trust-policy-syntax-error-notprincipal',
    ]);
  });

  it('resource policies need a Principal and a Resource', () => {
    expect(codesOf(lintStatements({ Effect: 'Allow', Action: 's3:GetObject' }, 'resource'))).toEqual([
      'missing-principal',
      'missing-resource',
    ]);
  });

  it('an empty Action or Resource array is missing, as IAM reads it', () => {
    const findings = lintStatements({ Effect: 'Allow', Action: [], Resource: [] });
    expect(codesOf(findings)).toEqual([
      'missing-action',
      'empty-array-action',
      'missing-resource',
      'empty-array-resource',
    ]);
  });

  it('Sids: alphanumeric and unique in IAM policies, free-form in resource policies', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
    const statements = [
      { Sid: 'read-all', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Sid: 'read-all', Effect: 'Deny', Action: 's3:PutObject', Resource: '*' },
      { Sid: '', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
    ];
    expect(codesOf(lintStatements(statements))).toEqual([
      'unsupported-sid',
      'unique-sids-required',
      'unsupported-sid',
      'empty-sid-value',
    ]);
    const asBucketPolicy = statements.map((s) => ({ ...s, Principal: '*' }));
    const findings = lintStatements(asBucketPolicy, 'resource');
    expect(withCode(findings, 'unique-sids-recommended')).toHaveLength(1);
    expect(withCode(findings, 'unsupported-sid')).toHaveLength(0);
  });
});

describe('check-version', () => {
  it('warns when Version is missing', () => {
    const findings = lintStatements(
      { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
      'identity',
      {
        version: null,
      },
    );
    expect(codesOf(findings)).toEqual(['missing-version']);
    expect(findings[0]?.severity).toBe('WARNING');
  });

  it('warns that policy variables are literal text under 2008-10-17', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
    const statement = {
      Effect: 'Allow',
      Action: 's3:GetObject',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable or ARN template, not JS
      Resource: 'arn:aws:s3:::b/${aws:username}/*',
    };
    expect(codesOf(lintStatements(statement, 'identity', { version: '2008-10-17' }))).toEqual([
      'variable-unsupported-in-version',
    ]);
    expect(lintStatements(statement)).toEqual([]);
  });
});
