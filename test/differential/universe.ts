// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
// The small world the generators draw from: three accounts, a few users, roles and sessions, three
// buckets. Small on purpose, so that random policies and random requests often meet.

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';
export const ACCOUNT_C = '333333333333';
export const ACCOUNTS = [ACCOUNT_A, ACCOUNT_B, ACCOUNT_C] as const;

export interface Caller {
  arn: string;
  account: string;
  kind: 'user' | 'session';
  /** For sessions, the role's ARN: what aws:PrincipalArn holds and resource policies may name. */
  roleArn?: string;
  name: string;
  team?: string;
}

export const CALLERS: readonly Caller[] = [
  {
    arn: `arn:aws:iam::${ACCOUNT_A}:user/David`,
    account: ACCOUNT_A,
    kind: 'user',
    name: 'David',
    team: 'dev',
  },
  { arn: `arn:aws:iam::${ACCOUNT_A}:user/Bob`, account: ACCOUNT_A, kind: 'user', name: 'Bob' },
  { arn: `arn:aws:iam::${ACCOUNT_B}:user/Erin`, account: ACCOUNT_B, kind: 'user', name: 'Erin', team: 'ops' },
  {
    arn: `arn:aws:sts::${ACCOUNT_A}:assumed-role/Admin/s1`,
    account: ACCOUNT_A,
    kind: 'session',
    roleArn: `arn:aws:iam::${ACCOUNT_A}:role/Admin`,
    name: 's1',
    team: 'dev',
  },
  {
    arn: `arn:aws:sts::${ACCOUNT_B}:assumed-role/Reader/s2`,
    account: ACCOUNT_B,
    kind: 'session',
    roleArn: `arn:aws:iam::${ACCOUNT_B}:role/Reader`,
    name: 's2',
  },
];

export const BUCKETS = [
  { name: 'productionapp', account: ACCOUNT_A },
  { name: 'shared-b', account: ACCOUNT_B },
  { name: 'logs-c', account: ACCOUNT_C },
] as const;

export const OBJECT_KEYS = ['a.txt', 'David/notes.txt', 'logs/2024.txt', 'Erin/x.bin'] as const;

export const IAM_USERS = [
  `arn:aws:iam::${ACCOUNT_A}:user/David`,
  `arn:aws:iam::${ACCOUNT_A}:user/Bob`,
  `arn:aws:iam::${ACCOUNT_B}:user/Erin`,
] as const;

export const IAM_ROLES = [
  `arn:aws:iam::${ACCOUNT_A}:role/Admin`,
  `arn:aws:iam::${ACCOUNT_B}:role/Reader`,
  `arn:aws:iam::${ACCOUNT_C}:role/Auditor`,
] as const;

/** What kind of resource an action is authorized on; decides the request resource and resource policy. */
export type ResourceKind = 'object' | 'bucket' | 'user' | 'role' | 'star' | 'assume';

export const ACTIONS: readonly { action: string; kind: ResourceKind }[] = [
  { action: 's3:GetObject', kind: 'object' },
  { action: 's3:PutObject', kind: 'object' },
  { action: 's3:DeleteObject', kind: 'object' },
  { action: 's3:ListBucket', kind: 'bucket' },
  { action: 's3:GetBucketPolicy', kind: 'bucket' },
  { action: 's3:ListAllMyBuckets', kind: 'star' },
  { action: 'iam:ListUsers', kind: 'star' },
  { action: 'iam:GetUser', kind: 'user' },
  { action: 'iam:CreateAccessKey', kind: 'user' },
  { action: 'iam:GetRole', kind: 'role' },
  { action: 'iam:PassRole', kind: 'role' },
  { action: 'sts:AssumeRole', kind: 'assume' },
];

/** Action patterns policies use: exact, wildcards, case variants, other services. */
export const ACTION_PATTERNS = [
  '*',
  's3:*',
  's3:Get*',
  's3:GetObject',
  's3:getobject',
  's3:*Object',
  's3:PutObject',
  's3:DeleteObject',
  's3:List*',
  's3:ListBucket',
  's3:GetBucket*',
  'iam:*',
  'iam:Get*',
  'iam:GetUser',
  'iam:List*',
  'iam:PassRole',
  'iam:Create*',
  'sts:AssumeRole',
  'sts:*',
  'sts:Assume*',
  'ec2:*',
  's3:Get?bject',
] as const;

export const IDENTITY_RESOURCE_PATTERNS = [
  '*',
  'arn:aws:s3:::productionapp',
  'arn:aws:s3:::productionapp/*',
  'arn:aws:s3:::productionapp/David/*',
  'arn:aws:s3:::productionapp/${aws:username}/*',
  'arn:aws:s3:::shared-b/*',
  'arn:aws:s3:::shared-b',
  'arn:aws:s3:::logs-c*',
  'arn:aws:s3:::*',
  'arn:aws:s3:::*/a.txt',
  'arn:aws:s3:::prod*/?.txt',
  `arn:aws:iam::${ACCOUNT_A}:user/*`,
  `arn:aws:iam::${ACCOUNT_A}:user/\${aws:username}`,
  'arn:aws:iam::*:user/Erin',
  `arn:aws:iam::${ACCOUNT_A}:role/*`,
  'arn:aws:iam::*:role/Reader',
  `arn:aws:iam::${ACCOUNT_C}:role/Auditor`,
  'arn:aws:iam::*:*',
] as const;

/** Values for Principal / NotPrincipal {"AWS": …} in resource policies. */
export const AWS_PRINCIPALS = [
  '*',
  ACCOUNT_A,
  ACCOUNT_B,
  `arn:aws:iam::${ACCOUNT_A}:root`,
  `arn:aws:iam::${ACCOUNT_B}:root`,
  `arn:aws:iam::${ACCOUNT_C}:root`,
  `arn:aws:iam::${ACCOUNT_A}:user/David`,
  `arn:aws:iam::${ACCOUNT_A}:user/Bob`,
  `arn:aws:iam::${ACCOUNT_B}:user/Erin`,
  `arn:aws:iam::${ACCOUNT_A}:role/Admin`,
  `arn:aws:iam::${ACCOUNT_B}:role/Reader`,
  `arn:aws:sts::${ACCOUNT_A}:assumed-role/Admin/s1`,
  `arn:aws:sts::${ACCOUNT_B}:assumed-role/Reader/s2`,
] as const;
