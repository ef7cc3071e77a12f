// The plain records the store keeps. Times are epoch milliseconds; the protocol layer formats them.
// Names are kept as written; lookups by name are case-insensitive where IAM's are ("Names are not
// distinguished by case": https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html).
// Policy documents are the text as the caller wrote it: IAM returns them as written.

export interface Tag {
  key: string;
  value: string;
}

export interface AccountRecord {
  /** 12 digits. */
  id: string;
  alias?: string;
  rootEmail: string;
  /** `hashPassword` output; absent when the root user has no console password. */
  rootPasswordHash?: string;
  createDate: number;
}

export interface UserRecord {
  accountId: string;
  /** AIDA… */
  id: string;
  name: string;
  /** `/` or `/a/b/`. */
  path: string;
  arn: string;
  createDate: number;
  permissionsBoundaryArn?: string;
  tags: Tag[];
  passwordLastUsed?: number;
}

export interface GroupRecord {
  accountId: string;
  /** AGPA… */
  id: string;
  name: string;
  path: string;
  arn: string;
  createDate: number;
}

export interface RoleRecord {
  accountId: string;
  /** AROA… */
  id: string;
  name: string;
  path: string;
  arn: string;
  createDate: number;
  assumeRolePolicyDocument: string;
  description?: string;
  /** Seconds, 3600…43200. */
  maxSessionDuration: number;
  permissionsBoundaryArn?: string;
  tags: Tag[];
  lastUsedDate?: number;
  lastUsedRegion?: string;
}

/** `aws` owns AWS managed policies; every other owner is a 12-digit account. */
export const AWS_MANAGED_OWNER = 'aws';

export interface ManagedPolicyRecord {
  /** The owner: a 12-digit account or `aws`. */
  accountId: string;
  /** ANPA… */
  id: string;
  name: string;
  path: string;
  arn: string;
  description?: string;
  /** `v1`, `v2`, … */
  defaultVersionId: string;
  createDate: number;
  updateDate: number;
  tags: Tag[];
  /** Attachments to users, groups and roles of the account that asked (AWS counts per account). */
  attachmentCount: number;
  /** Users and roles of the account that asked whose permissions boundary is this policy. */
  permissionsBoundaryUsageCount: number;
}

export interface PolicyVersionRecord {
  policyArn: string;
  versionId: string;
  document: string;
  isDefault: boolean;
  createDate: number;
}

export type PrincipalKind = 'user' | 'group' | 'role';

export interface AttachedPolicy {
  policyName: string;
  policyArn: string;
}

export interface PolicyEntity {
  kind: PrincipalKind;
  name: string;
  id: string;
}

export interface InlinePolicyRecord {
  name: string;
  document: string;
}

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccessKeyRecord {
  accountId: string;
  /** AKIA… */
  accessKeyId: string;
  secretAccessKey: string;
  /** Absent for the root user's keys. */
  userName?: string;
  status: AccessKeyStatus;
  createDate: number;
  lastUsedDate?: number;
  lastUsedService?: string;
  lastUsedRegion?: string;
}

export interface AccessKeyUse {
  date: number;
  service: string;
  region: string;
}

export interface LoginProfileRecord {
  accountId: string;
  userName: string;
  /** `hashPassword` output (scrypt, with its salt and parameters). */
  passwordHash: string;
  passwordResetRequired: boolean;
  createDate: number;
}

export interface MfaDeviceRecord {
  accountId: string;
  /** The device ARN: `arn:aws:iam::A:mfa/path/name`. */
  serialNumber: string;
  name: string;
  path: string;
  /** Base32 TOTP seed. */
  seed: string;
  /** The IAM user it is enabled for. */
  userName?: string;
  /** Enabled for the account's root user. */
  enabledForRoot: boolean;
  enableDate?: number;
  createDate: number;
  tags: Tag[];
  /** The last accepted TOTP time step, so a code is never accepted twice. */
  lastUsedStep?: number;
}

export type SessionType = 'AssumedRole' | 'SessionToken' | 'FederatedUser';

export interface SessionRecord {
  /** ASIA… */
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  type: SessionType;
  /** The account whose principal the session acts as. */
  accountId: string;
  /** `arn:aws:sts::A:assumed-role/R/S`, or the user/root ARN for GetSessionToken. */
  principalArn: string;
  /** `AROA…:session` for a role session, the user id (or account id for root) otherwise. */
  principalId: string;
  issuedAt: number;
  expiration: number;
  roleArn?: string;
  roleId?: string;
  sessionName?: string;
  sourceIdentity?: string;
  /** The inline session policy as the caller wrote it. */
  sessionPolicy?: string;
  policyArns: string[];
  tags: Tag[];
  transitiveTagKeys: string[];
  mfaAuthenticated: boolean;
  /** When the MFA code was checked (for aws:MultiFactorAuthAge). */
  mfaAuthTime?: number;
  /** Issued to a role session (role chaining, capped at one hour). */
  chained: boolean;
  /** The principal that asked for the credentials. */
  issuedTo: string;
}

export type AuditDecision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface AuditInput {
  time: number;
  requestId: string;
  accountId?: string;
  principalArn?: string;
  sourceIp?: string;
  userAgent?: string;
  service: string;
  operation: string;
  actions: string[];
  resources: string[];
  /** Absent when the request never reached authorization (bad signature, bad input). */
  decision?: AuditDecision;
  reason?: string;
  errorCode?: string;
  httpStatus?: number;
}

export interface AuditRecord extends AuditInput {
  /** Increases with every record: a cursor for `trustlab audit --follow`. */
  seq: number;
}

/** The counts GetAccountSummary reports that the store can know. */
export interface AccountCounts {
  users: number;
  groups: number;
  roles: number;
  policies: number;
  /** Versions of the account's customer managed policies. */
  policyVersionsInUse: number;
  mfaDevices: number;
  mfaDevicesInUse: number;
  accountMfaEnabled: boolean;
  accountAccessKeysPresent: boolean;
  accountPasswordPresent: boolean;
  serverCertificates: number;
}

/** What DeleteUser must find empty before it may delete. */
export interface UserDependents {
  accessKeys: number;
  groups: number;
  inlinePolicies: number;
  attachedPolicies: number;
  loginProfile: boolean;
  mfaDevices: number;
}

export interface GroupDependents {
  members: number;
  inlinePolicies: number;
  attachedPolicies: number;
}

export interface RoleDependents {
  inlinePolicies: number;
  attachedPolicies: number;
}

export interface PolicyDependents {
  /** Attachments in every account. */
  attachments: number;
  permissionsBoundaryUses: number;
  /** Versions other than the default one. */
  nonDefaultVersions: number;
}
