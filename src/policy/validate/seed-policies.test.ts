import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../catalogue/load-catalogue.js';
import type { Finding } from '../types.js';
import { lintPolicy } from './lint-policy.js';
import type { PolicyKind } from './policy-kind.js';
import { iamMalformedMessage } from './precedence.js';

// The policies of the tutorials in /work/shared/seeds, copied verbatim (layout included). The mistakes the
// tutorials carry must be found; the correct policies must lint without an ERROR.
// AWS reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html

const catalogue = loadCatalogue();
const lint = (text: string, kind: PolicyKind) => lintPolicy(text, { kind, catalogue });
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'ERROR');
const byCode = (findings: Finding[], code: string) => findings.filter((f) => f.code === code);

// seed 004 (the AWS tutorial): permissions of the UpdateApp role, as printed (one line folded).
const READ_WRITE_APP_BUCKET = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:ListAllMyBuckets",
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": [
        "s3:ListBucket",
        "s3:GetBucketLocation"
       ],
      "Resource": "arn:aws:s3:::productionapp" }, { "Effect": "Allow", "Action": [ "s3:GetObject", "s3:PutObject", "s3:DeleteObject" ], "Resource": "arn:aws:s3:::productionapp/*" } ] }`;

// seed 004: the group policy, with PRODUCTION-ACCOUNT-ID to be replaced by the reader.
const ALLOW_ASSUME = `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": "sts:AssumeRole",
    "Resource": "arn:aws:iam::PRODUCTION-ACCOUNT-ID:role/UpdateApp" } }`;

// seed 000: the production policy, with its three mistakes.
const DEVELOPERS_ACCESS_PRODUCTION = `{ 
  "Version": "2012-10-17", 
  "Statement": [ 
    { 
      "Effect": "Allow",
      "Action": "s3:ListAllMyBuckets", 
      "Resource": "arn:aws:s3:::" 
    }, 
    { 
      "Effect": "Allow", 
      "Action": [ 
        "s3:ListBucket", 
        "s3:GetBucketLocation" 
      ], 
      "Resource": "arn:aws:s3:::prod-source-dropoff" 
    }, 
    { 
      "Effect": "Allow", 
      "Action": [ 
        "s3:GetObject", 
        "s3:PutObject", 
        "s3:DeleteObject" 
      ], 
      "Resource": "arn:aws:s3:::prod-source-dropoff/" 
    }
  ]
}`;

// seed 003: the role's permissions, account id where the bucket belongs.
const ROLE_IN_ACCOUNT_B = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "s3:PutObject",
                "s3:PutObjectAcl"
            ],
            "Resource": "arn:aws:s3:::222222222222/cross-account-bucket"

        }
    ]
}`;

// seed 003: the trust policy.
const TRUST_ACCOUNT_A = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": "arn:aws:iam::111111111111:root"
      },
      "Action": "sts:AssumeRole"
    }
  ]
}`;

// seed 001: with placeholders for the reader to fill in.
const ASSUME_PLACEHOLDER = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Resource": "arn:aws:iam::<trusting-account>:role/<role-name>"
        }
    ]
}`;

describe('seed tutorials: correct policies', () => {
  it('read-write-app-bucket (seed 004) has no finding at all', () => {
    expect(lint(READ_WRITE_APP_BUCKET, 'identity')).toEqual([]);
  });

  it('the trust policy of seed 003 has no finding as a trust policy', () => {
    expect(lint(TRUST_ACCOUNT_A, 'trust')).toEqual([]);
  });

  it('the assume-role policies are clean once the placeholder is filled in', () => {
    expect(lint(ALLOW_ASSUME.replace('PRODUCTION-ACCOUNT-ID', '999999999999'), 'identity')).toEqual([]);
    const filled = ASSUME_PLACEHOLDER.replace('<trusting-account>', '222222222222').replace(
      '<role-name>',
      'my-role',
    );
    expect(lint(filled, 'identity')).toEqual([]);
  });
});

describe('seed tutorials: mistakes are found', () => {
  it('seed 000: ListAllMyBuckets on `arn:aws:s3:::` and object actions on `bucket/`', () => {
    const findings = lint(DEVELOPERS_ACCESS_PRODUCTION, 'identity');
    const mismatches = byCode(findings, 'action-resource-mismatch');
    expect(mismatches.map((f) => f.value)).toEqual([
      's3:ListAllMyBuckets',
      's3:GetObject',
      's3:PutObject',
      's3:DeleteObject',
    ]);
    expect(mismatches[1]?.fix).toContain('arn:aws:s3:::prod-source-dropoff/*');
    expect(errors(findings).map((f) => [f.code, f.value])).toEqual([
      ['invalid-arn-resource', 'arn:aws:s3:::'],
      ['invalid-arn-resource', 'arn:aws:s3:::prod-source-dropoff/'],
    ]);
    // The bucket statement is right: no finding points into it.
    expect(findings.some((f) => f.path.startsWith('Statement[1]'))).toBe(false);
    // IAM itself stores this policy: it is wrong, not malformed.
    expect(iamMalformedMessage(findings)).toBeUndefined();
  });

  it('seed 003: the account id written where the bucket goes', () => {
    const findings = lint(ROLE_IN_ACCOUNT_B, 'identity');
    const [finding] = byCode(findings, 's3-bucket-looks-like-account-id');
    expect(finding?.at.start.line).toBe(11);
    expect(finding?.fix).toContain('arn:aws:s3:::cross-account-bucket/*');
  });

  it('seeds 001 and 004: unfilled placeholders are not account ids', () => {
    for (const text of [ALLOW_ASSUME, ASSUME_PLACEHOLDER]) {
      expect(byCode(lint(text, 'identity'), 'invalid-arn-account')).toHaveLength(1);
    }
  });

  it('the classic bucket/object slip of the AWS tutorial', () => {
    // GetObject on the bucket ARN (no /*) matches no object; ListBucket on bucket/* matches no bucket.
    const swapped = READ_WRITE_APP_BUCKET.replace(
      '"arn:aws:s3:::productionapp" }',
      '"arn:aws:s3:::productionapp/*" }',
    ).replace('"arn:aws:s3:::productionapp/*" } ] }', '"arn:aws:s3:::productionapp" } ] }');
    const mismatches = byCode(lint(swapped, 'identity'), 'action-resource-mismatch');
    expect(mismatches.map((f) => f.value)).toEqual([
      's3:ListBucket',
      's3:GetBucketLocation',
      's3:GetObject',
      's3:PutObject',
      's3:DeleteObject',
    ]);
    expect(mismatches[2]?.message).toContain('`object`');
  });

  it('a trust policy used as an identity policy, and the other way round', () => {
    expect(iamMalformedMessage(lint(TRUST_ACCOUNT_A, 'identity'))).toBe(
      'Policy document should not specify a principal.',
    );
    expect(iamMalformedMessage(lint(READ_WRITE_APP_BUCKET, 'trust'))).toBe(
      'Missing required field Principal',
    );
  });
});
