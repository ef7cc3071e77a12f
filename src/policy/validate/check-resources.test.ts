import { describe, expect, it } from 'vitest';
import { codesOf, lintStatements, withCode } from './test-lint.js';

// ARN checks: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
// ARN formats: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
const on = (Resource: unknown, Action: unknown = 's3:*') => ({ Effect: 'Allow', Action, Resource });

describe('check-resources: arn format', () => {
  it('accepts `*`, wildcards and policy variables', () => {
    expect(
      lintStatements([
        on('*'),
        on('arn:aws:s3:::*', 's3:Get*'),
        // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable or ARN template, not JS
        on('arn:*:s3:::b/${aws:username}/*', 's3:Put*'),
      ]),
    ).toEqual([]);
  });

  it('reports a non-arn, a short arn, a bad partition, an upper-case service, a non-account', () => {
    const findings = lintStatements(
      on(
        [
          'bucket',
          'arn:aws:s3:bucket',
          'arn:aws1:s3:::b',
          'arn:aws:S3:::b',
          'arn:aws:iam::PRODUCTION-ACCOUNT-ID:role/UpdateApp',
        ],
        '*',
      ),
      'identity',
      { catalogue: false },
    );
    expect(codesOf(findings)).toEqual([
      'invalid-arn-prefix',
      'missing-arn-field',
      'invalid-partition',
      'invalid-arn-service-case',
      'invalid-arn-account',
    ]);
    expect(findings[4]?.path).toBe('Statement[0].Resource[4]');
  });

  it('iam arns carry no region', () => {
    expect(codesOf(lintStatements(on('arn:aws:iam:us-east-1:111122223333:role/r', 'iam:GetRole')))).toEqual([
      'arn-region-not-allowed',
    ]);
  });
});

describe('check-resources: s3', () => {
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html
  it('bucket and object arns have no region and no account', () => {
    const findings = lintStatements(on('arn:aws:s3:us-east-1:222222222222:bucket/x'));
    expect(codesOf(findings).sort()).toEqual(['arn-account-not-allowed', 'arn-region-not-allowed']);
    expect(findings[0]?.fix).toContain('`arn:aws:s3:::bucket/x`');
  });

  it('access point arns do have region and account', () => {
    expect(lintStatements(on('arn:aws:s3:us-east-1:222222222222:accesspoint/ap'))).toEqual([]);
  });

  it('an arn with no bucket, or an empty object key, names nothing', () => {
    expect(codesOf(lintStatements(on('arn:aws:s3:::')))).toEqual(['invalid-arn-resource']);
    expect(codesOf(lintStatements(on('arn:aws:s3:::b/')))).toEqual(['invalid-arn-resource']);
  });

  it('warns when the bucket looks like an account id', () => {
    const [finding] = withCode(
      lintStatements(on('arn:aws:s3:::222222222222/cross-account-bucket')),
      's3-bucket-looks-like-account-id',
    );
    expect(finding?.severity).toBe('WARNING');
  });
});

describe('check-action-resources: actions paired with resources they do not support', () => {
  it('object actions on a bucket arn, bucket actions on objects', () => {
    const findings = lintStatements([
      on('arn:aws:s3:::productionapp', ['s3:GetObject', 's3:ListBucket']),
      on('arn:aws:s3:::bucket/*', ['s3:ListBucket', 's3:PutObject']),
    ]);
    const mismatches = withCode(findings, 'action-resource-mismatch');
    expect(mismatches.map((f) => [f.path, f.value])).toEqual([
      ['Statement[0].Action[0]', 's3:GetObject'],
      ['Statement[1].Action[0]', 's3:ListBucket'],
    ]);
    expect(mismatches[0]?.fix).toContain('`arn:aws:s3:::productionapp/*`');
    expect(mismatches[1]?.fix).toContain('`arn:aws:s3:::bucket`');
  });

  it('an action without resource types needs `*`', () => {
    const findings = lintStatements(on('arn:aws:s3:::b', 's3:ListAllMyBuckets'));
    expect(codesOf(findings)).toEqual(['action-resource-mismatch']);
    expect(lintStatements(on('*', 's3:ListAllMyBuckets'))).toEqual([]);
  });

  it('a wildcard action is fine when one of its actions fits', () => {
    expect(lintStatements(on('arn:aws:s3:::b', 's3:Get*'))).toEqual([]);
    expect(codesOf(lintStatements(on('arn:aws:s3:::b', 's3:GetObjectT*')))).toEqual([
      'action-resource-mismatch',
    ]);
  });

  it('iam roles with paths and variables match the role type', () => {
    expect(lintStatements(on(['arn:aws:iam::111122223333:role/team/app-*'], 'iam:PassRole'))).toEqual([]);
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable or ARN template, not JS
      lintStatements(on(['arn:aws:iam::111122223333:user/${aws:username}'], 'iam:ChangePassword')),
    ).toEqual([]);
    expect(codesOf(lintStatements(on(['arn:aws:iam::111122223333:user/bob'], 'iam:PassRole')))).toEqual([
      'action-resource-mismatch',
    ]);
  });

  it('NotAction, NotResource and `*` are not judged', () => {
    expect(lintStatements({ Effect: 'Deny', NotAction: 's3:GetObject', Resource: 'arn:aws:s3:::b' })).toEqual(
      [],
    );
  });
});
