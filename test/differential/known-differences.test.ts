// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
// Hand-written cases: the adapters give AWS's documented answers, and each known difference is
// real, explained by its own entry, and decided the way the cited page says.

import { describe, expect, it } from 'vitest';
import type { DiffCase, PolicyJson } from './case.js';
import { compareCase } from './compare.js';
import { runIamSimulate } from './iam-simulate-adapter.js';
import { runTrustlab } from './run-trustlab.js';
import { ACCOUNT_A, ACCOUNT_B } from './universe.js';

const DAVID = `arn:aws:iam::${ACCOUNT_A}:user/David`;
const BOB = `arn:aws:iam::${ACCOUNT_A}:user/Bob`;
const SESSION = `arn:aws:sts::${ACCOUNT_A}:assumed-role/Admin/s1`;
const ROLE = `arn:aws:iam::${ACCOUNT_A}:role/Admin`;

const policy = (...Statement: Record<string, unknown>[]): PolicyJson => ({
  Version: '2012-10-17',
  Statement,
});
const allowGet = policy({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::productionapp/*',
});

function request(
  principal: string,
  extra: Record<string, string> = {},
  action = 's3:GetObject',
  resource = 'arn:aws:s3:::productionapp/a.txt',
) {
  const isUser = principal.includes(':user/');
  return {
    principal,
    action,
    resource,
    resourceAccount: ACCOUNT_A,
    context: {
      'aws:PrincipalArn': isUser ? principal : ROLE,
      'aws:PrincipalAccount': ACCOUNT_A,
      ...(isUser ? { 'aws:username': principal.slice(principal.lastIndexOf('/') + 1) } : {}),
      ...extra,
    },
  };
}

function makeCase(over: Partial<DiffCase> & { request: DiffCase['request'] }): DiffCase {
  return {
    id: 'anchor',
    identityPolicies: [],
    resourcePolicy: null,
    permissionsBoundary: null,
    sessionPolicies: [],
    scps: [],
    rcps: [],
    ...over,
  };
}

describe('adapters give AWS documented answers', () => {
  const denyAll = policy({ Effect: 'Deny', Action: 's3:*', Resource: '*' });
  const cases: [string, DiffCase, string][] = [
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
    [
      'an identity allow grants a same-account request',
      makeCase({ request: request(DAVID), identityPolicies: [allowGet] }),
      'Allowed',
    ],
    ['no allow is an implicit deny', makeCase({ request: request(DAVID) }), 'ImplicitlyDenied'],
    [
      'an explicit deny wins',
      makeCase({ request: request(DAVID), identityPolicies: [allowGet, denyAll] }),
      'ExplicitlyDenied',
    ],
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
    [
      'cross-account needs the bucket policy too',
      makeCase({ request: { ...request(DAVID), resourceAccount: ACCOUNT_B }, identityPolicies: [allowGet] }),
      'ImplicitlyDenied',
    ],
    [
      'cross-account with identity allow and a bucket policy naming the account',
      makeCase({
        request: { ...request(DAVID), resourceAccount: ACCOUNT_B },
        identityPolicies: [allowGet],
        resourcePolicy: policy({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT_A}:root` },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::productionapp/*',
        }),
      }),
      'Allowed',
    ],
  ];
  for (const [name, c, verdict] of cases) {
    it(name, async () => {
      expect(runTrustlab(c)).toEqual({ verdict });
      expect((await runIamSimulate(c)).result).toEqual({ verdict });
    });
  }
});

interface Anchor {
  difference: string;
  /** What AWS's page says the answer is (for 'unsettled' entries, trustlab's choice). */
  aws: string;
  iamSimulate: string;
  c: DiffCase;
}

const ANCHORS: Anchor[] = [
  {
    // "all principals except the user named Bob … are explicitly denied" (Bob and the account root listed)
    difference: 'not-principal-account-entry',
    aws: 'ExplicitlyDenied',
    iamSimulate: 'Allowed',
    c: makeCase({
      request: request(BOB),
      identityPolicies: [allowGet],
      resourcePolicy: policy({
        Effect: 'Deny',
        NotPrincipal: { AWS: [DAVID, `arn:aws:iam::${ACCOUNT_A}:root`] },
        Action: 's3:*',
        Resource: 'arn:aws:s3:::productionapp/*',
      }),
    }),
  },
  {
    difference: 'not-principal-incomplete-chain',
    aws: 'ExplicitlyDenied',
    iamSimulate: 'Allowed',
    c: makeCase({
      request: request(DAVID),
      identityPolicies: [allowGet],
      resourcePolicy: policy({
        Effect: 'Deny',
        NotPrincipal: { AWS: DAVID },
        Action: 's3:*',
        Resource: 'arn:aws:s3:::productionapp/*',
      }),
    }),
  },
  {
    // the NotResource entry with an unset ${aws:username} matches no resource, so the deny applies
    difference: 'not-resource-variable-without-value',
    aws: 'ExplicitlyDenied',
    iamSimulate: 'Allowed',
    c: makeCase({
      request: request(SESSION),
      identityPolicies: [
        allowGet,
        policy({
          Effect: 'Deny',
          Action: 's3:GetObject',
          NotResource: 'arn:aws:s3:::productionapp/${aws:username}/*',
        }),
      ],
    }),
  },
  {
    difference: 'negated-operator-variable-without-value',
    aws: 'Allowed',
    iamSimulate: 'ImplicitlyDenied',
    c: makeCase({
      request: request(SESSION, { 's3:prefix': 'logs/' }, 's3:ListBucket', 'arn:aws:s3:::productionapp'),
      identityPolicies: [
        policy({
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::productionapp',
          Condition: { StringNotLike: { 's3:prefix': '${aws:username}/*' } },
        }),
      ],
    }),
  },
  {
    difference: 'bare-ip-address-other-family',
    aws: 'Allowed',
    iamSimulate: 'ImplicitlyDenied',
    c: makeCase({
      request: request(DAVID, { 'aws:SourceIp': '2001:db8::5' }),
      identityPolicies: [
        policy({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '198.51.100.7' } },
        }),
      ],
    }),
  },
  {
    difference: 'session-arn-grant-not-limited-by-session-policy',
    aws: 'Allowed',
    iamSimulate: 'ImplicitlyDenied',
    c: makeCase({
      request: request(SESSION),
      sessionPolicies: [policy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' })],
      resourcePolicy: policy({
        Effect: 'Allow',
        Principal: { AWS: SESSION },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::productionapp/*',
      }),
    }),
  },
  {
    difference: 'wildcard-principal-and-session-policy',
    aws: 'Allowed',
    iamSimulate: 'ImplicitlyDenied',
    c: makeCase({
      request: request(SESSION),
      sessionPolicies: [policy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' })],
      resourcePolicy: policy({
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::productionapp/*',
      }),
    }),
  },
];

describe('known differences: each is real, explained by its entry, and trustlab gives the documented answer', () => {
  for (const anchor of ANCHORS) {
    it(anchor.difference, async () => {
      expect((await runIamSimulate(anchor.c)).result).toEqual({ verdict: anchor.iamSimulate });
      expect(runTrustlab(anchor.c)).toEqual({ verdict: anchor.aws });
      const outcome = await compareCase(anchor.c);
      expect(outcome.kind === 'known' ? outcome.differences.map((d) => d.name) : outcome).toContain(
        anchor.difference,
      );
    });
  }
});

// Once a trustlab bug found by the differential test; kept as a regression test.
describe('fixed trustlab bugs', () => {
  // ForAnyValue returns false when the key is absent, IfExists or not:
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
  // and real AWS denies in exactly this setup: https://repost.aws/questions/QU9HFmDzP0QGuU-fd7rS6B7w
  const c = makeCase({
    request: request(DAVID),
    identityPolicies: [
      policy({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'team' } },
      }),
    ],
  });
  it('iam-simulate and trustlab now agree', async () => {
    expect((await runIamSimulate(c)).result).toEqual({ verdict: 'ImplicitlyDenied' });
    expect((await compareCase(c)).kind).toBe('agree');
  });
  it('ForAnyValue:StringEqualsIfExists with the key absent does not match', () => {
    expect(runTrustlab(c)).toEqual({ verdict: 'ImplicitlyDenied' });
  });
});
