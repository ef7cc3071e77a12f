// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
// Condition keys the generators use: their type (which operators fit), values a policy may compare
// against, and values a request may carry. Types follow AWS's global condition key reference:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html

import { ACCOUNT_A, ACCOUNT_B } from './universe.js';

export type KeyType = 'string' | 'arn' | 'bool' | 'numeric' | 'ip' | 'date' | 'array';

export interface KeySpec {
  key: string;
  type: KeyType;
  policyValues: readonly string[];
  /** Values a request may carry (arrays for multivalued keys); absent for keys derived from the caller. */
  requestValues?: readonly (string | readonly string[])[];
  /** Only these actions carry the key (service-specific keys); undefined means any action. */
  actions?: readonly string[];
}

/** Keys trustlab and AWS derive from the caller; the generator writes them into every request. */
export const PRINCIPAL_KEYS: readonly KeySpec[] = [
  {
    key: 'aws:PrincipalArn',
    type: 'arn',
    policyValues: [
      `arn:aws:iam::${ACCOUNT_A}:user/David`,
      `arn:aws:iam::${ACCOUNT_A}:*`,
      'arn:aws:iam::*:role/Reader',
      `arn:aws:iam::${ACCOUNT_B}:role/*`,
    ],
  },
  { key: 'aws:PrincipalAccount', type: 'string', policyValues: [ACCOUNT_A, ACCOUNT_B, '1111*'] },
  { key: 'aws:username', type: 'string', policyValues: ['David', 'Bob', 'd*'] },
  { key: 'aws:PrincipalTag/team', type: 'string', policyValues: ['dev', 'ops', 'd*', 'DEV'] },
];

export const REQUEST_KEYS: readonly KeySpec[] = [
  {
    key: 'aws:SourceIp',
    type: 'ip',
    policyValues: ['203.0.113.0/24', '10.0.0.0/8', '198.51.100.7/32', '198.51.100.7', '2001:db8::/32'],
    requestValues: ['203.0.113.5', '198.51.100.7', '10.1.2.3', '2001:db8::5'],
  },
  {
    key: 'aws:SecureTransport',
    type: 'bool',
    policyValues: ['true', 'false'],
    requestValues: ['true', 'false'],
  },
  {
    key: 'aws:MultiFactorAuthPresent',
    type: 'bool',
    policyValues: ['true', 'false'],
    requestValues: ['true', 'false'],
  },
  {
    key: 'aws:MultiFactorAuthAge',
    type: 'numeric',
    policyValues: ['3600', '30'],
    requestValues: ['30', '7200'],
  },
  {
    key: 'aws:CurrentTime',
    type: 'date',
    policyValues: ['2026-01-01T00:00:00Z', '2025-06-01'],
    requestValues: ['2025-06-01T12:00:00Z', '2027-01-01T00:00:00Z'],
  },
  {
    key: 'aws:RequestedRegion',
    type: 'string',
    policyValues: ['us-east-1', 'eu-*', 'US-EAST-1'],
    requestValues: ['us-east-1', 'eu-west-1'],
  },
  {
    key: 'aws:CalledVia',
    type: 'array',
    policyValues: ['cloudformation.amazonaws.com', 'athena.amazonaws.com', '*.amazonaws.com'],
    requestValues: [
      ['cloudformation.amazonaws.com'],
      ['athena.amazonaws.com', 'cloudformation.amazonaws.com'],
    ],
  },
  {
    key: 's3:prefix',
    type: 'string',
    policyValues: ['David/', '${aws:username}/*', 'logs/*', '', 'a*'],
    requestValues: ['', 'David/', 'logs/', 'a'],
    actions: ['s3:ListBucket'],
  },
  {
    key: 's3:max-keys',
    type: 'numeric',
    policyValues: ['100', '10'],
    requestValues: ['10', '1000'],
    actions: ['s3:ListBucket'],
  },
  {
    key: 's3:x-amz-acl',
    type: 'string',
    policyValues: ['private', 'public-*'],
    requestValues: ['private', 'public-read'],
    actions: ['s3:PutObject'],
  },
  {
    key: 'sts:ExternalId',
    type: 'string',
    policyValues: ['ext-1', 'ext-?'],
    requestValues: ['ext-1', 'ext-2'],
    actions: ['sts:AssumeRole'],
  },
  {
    key: 'aws:TagKeys',
    type: 'array',
    policyValues: ['team', 'env', 't*'],
    requestValues: [['team'], ['team', 'env'], ['cost']],
    actions: ['sts:AssumeRole'],
  },
];

export const ALL_KEYS: readonly KeySpec[] = [...PRINCIPAL_KEYS, ...REQUEST_KEYS];

/** Operators per key type; IfExists and set qualifiers are added by the generator. */
export const OPERATORS: Record<KeyType, readonly string[]> = {
  string: ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase'],
  arn: ['ArnLike', 'ArnEquals', 'ArnNotLike', 'StringLike'],
  bool: ['Bool'],
  numeric: ['NumericLessThan', 'NumericGreaterThanEquals', 'NumericEquals', 'NumericNotEquals'],
  ip: ['IpAddress', 'NotIpAddress'],
  date: ['DateLessThan', 'DateGreaterThanEquals', 'DateEquals'],
  array: [
    'ForAnyValue:StringEquals',
    'ForAllValues:StringEquals',
    'ForAnyValue:StringLike',
    'ForAllValues:StringLike',
  ],
};
