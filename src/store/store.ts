// The Store: everything IAM and STS keep, behind an interface narrow enough for a second backend
// (PostgreSQL, serving several stateless trustlab replicas) to implement. Hence:
// - every call is async, even though SQLite answers synchronously;
// - reads see committed data only; writes exist only on the transaction handle, so a handler's writes
//   commit together or not at all, and nothing writes outside a transaction;
// - the store generates no ids and builds no ARNs (the services do, with src/arn): records go in and
//   come out as plain data;
// - limits (two access keys, five policy versions…) are the services' rules; the store gives counts.
import type {
  AccessKeyRecord,
  AccessKeyStatus,
  AccessKeyUse,
  AccountCounts,
  AccountRecord,
  AttachedPolicy,
  AuditInput,
  AuditRecord,
  GroupDependents,
  GroupRecord,
  InlinePolicyRecord,
  LoginProfileRecord,
  ManagedPolicyRecord,
  MfaDeviceRecord,
  PolicyDependents,
  PolicyEntity,
  PolicyVersionRecord,
  PrincipalKind,
  RoleDependents,
  RoleRecord,
  SessionRecord,
  Tag,
  UserDependents,
  UserRecord,
} from './records.js';
import type { S3StoreReads, S3StoreWrites } from './s3-store.js';

export interface PageRequest {
  /** The marker of the previous page. */
  marker?: string;
  /** Defaults to 100, IAM's default MaxItems. */
  maxItems?: number;
}

export interface Page<T> {
  items: T[];
  /** Present when more items follow (IsTruncated): pass it back to get them. */
  marker?: string;
}

export interface PathFilter {
  /** Only entities whose path starts with this text (case-sensitive). */
  pathPrefix?: string;
}

export type PolicyScope = 'All' | 'AWS' | 'Local';

export interface PolicyFilter extends PathFilter {
  scope?: PolicyScope;
  /** Only policies attached to a user, group or role of the asking account. */
  onlyAttached?: boolean;
}

export interface PolicyEntityFilter extends PathFilter {
  kind?: PrincipalKind;
}

export type MfaAssignment = 'Assigned' | 'Unassigned' | 'Any';

export interface AuditFilter {
  accountId?: string;
  principalArn?: string;
  service?: string;
  operation?: string;
  /** Only records whose decision is a deny, or whose request failed with an AccessDenied-like error. */
  denied?: boolean;
  /** Records with a time at or after (epoch ms). */
  since?: number;
  /** Records with a time before (epoch ms). */
  until?: number;
  /** Records after this sequence number (for following the log). */
  afterSeq?: number;
  /** Newest first; defaults to oldest first. */
  newestFirst?: boolean;
  /** Defaults to 100. */
  limit?: number;
}

export type UserInput = Omit<UserRecord, 'passwordLastUsed'>;
export type UserPatch = Partial<Pick<UserRecord, 'name' | 'path' | 'arn' | 'tags' | 'passwordLastUsed'>> & {
  /** null removes the boundary. */
  permissionsBoundaryArn?: string | null;
};
export type GroupPatch = Partial<Pick<GroupRecord, 'name' | 'path' | 'arn'>>;
export type RoleInput = Omit<RoleRecord, 'lastUsedDate' | 'lastUsedRegion'>;
export type RolePatch = Partial<
  Pick<
    RoleRecord,
    'assumeRolePolicyDocument' | 'maxSessionDuration' | 'tags' | 'lastUsedDate' | 'lastUsedRegion'
  >
> & { description?: string | null; permissionsBoundaryArn?: string | null };

export interface ManagedPolicyInput {
  accountId: string;
  id: string;
  name: string;
  path: string;
  arn: string;
  description?: string;
  /** The document of version v1, which becomes the default. */
  document: string;
  createDate: number;
  tags: Tag[];
}

export interface AwsManagedPolicyInput extends Omit<ManagedPolicyInput, 'accountId' | 'tags'> {
  /** AWS's own current version id (AdministratorAccess is at v1, ReadOnlyAccess far beyond). */
  defaultVersionId: string;
  updateDate: number;
}

export interface PolicyVersionInput {
  document: string;
  setAsDefault: boolean;
  createDate: number;
}

export type MfaDevicePatch = {
  /** null unassigns. */
  userName?: string | null;
  enabledForRoot?: boolean;
  enableDate?: number | null;
  lastUsedStep?: number;
  tags?: Tag[];
};

/**
 * Reads return undefined for a missing entity; reads about a named principal (its groups, keys,
 * policies, dependents) throw StoreError NoSuchEntity when the principal itself is missing.
 */
export interface StoreReads extends S3StoreReads {
  // accounts
  getAccount(id: string): Promise<AccountRecord | undefined>;
  getAccountByAlias(alias: string): Promise<AccountRecord | undefined>;
  listAccounts(): Promise<AccountRecord[]>;
  countAccountEntities(accountId: string): Promise<AccountCounts>;

  // users
  getUser(accountId: string, name: string): Promise<UserRecord | undefined>;
  /** By unique id (AIDA…), across accounts: principals kept in policies after a delete. */
  getUserById(id: string): Promise<UserRecord | undefined>;
  listUsers(accountId: string, filter: PathFilter, page: PageRequest): Promise<Page<UserRecord>>;
  countUserDependents(accountId: string, name: string): Promise<UserDependents>;

  // groups
  getGroup(accountId: string, name: string): Promise<GroupRecord | undefined>;
  listGroups(accountId: string, filter: PathFilter, page: PageRequest): Promise<Page<GroupRecord>>;
  listGroupsForUser(accountId: string, userName: string, page: PageRequest): Promise<Page<GroupRecord>>;
  listGroupMembers(accountId: string, groupName: string, page: PageRequest): Promise<Page<UserRecord>>;
  countGroupDependents(accountId: string, name: string): Promise<GroupDependents>;

  // roles
  getRole(accountId: string, name: string): Promise<RoleRecord | undefined>;
  getRoleById(id: string): Promise<RoleRecord | undefined>;
  listRoles(accountId: string, filter: PathFilter, page: PageRequest): Promise<Page<RoleRecord>>;
  countRoleDependents(accountId: string, name: string): Promise<RoleDependents>;

  // managed policies; `viewer` is the account asking, whose attachments are counted
  getPolicy(viewer: string, arn: string): Promise<ManagedPolicyRecord | undefined>;
  listPolicies(viewer: string, filter: PolicyFilter, page: PageRequest): Promise<Page<ManagedPolicyRecord>>;
  getPolicyVersion(arn: string, versionId: string): Promise<PolicyVersionRecord | undefined>;
  /** Newest first, as ListPolicyVersions answers. */
  listPolicyVersions(arn: string): Promise<PolicyVersionRecord[]>;
  countPolicyDependents(arn: string): Promise<PolicyDependents>;
  listAttachedPolicies(
    accountId: string,
    kind: PrincipalKind,
    name: string,
    filter: PathFilter,
    page: PageRequest,
  ): Promise<Page<AttachedPolicy>>;
  listEntitiesForPolicy(
    accountId: string,
    arn: string,
    filter: PolicyEntityFilter,
    page: PageRequest,
  ): Promise<Page<PolicyEntity>>;

  // inline policies
  getInlinePolicy(
    accountId: string,
    kind: PrincipalKind,
    principalName: string,
    policyName: string,
  ): Promise<InlinePolicyRecord | undefined>;
  listInlinePolicies(
    accountId: string,
    kind: PrincipalKind,
    principalName: string,
    page: PageRequest,
  ): Promise<Page<InlinePolicyRecord>>;

  // access keys: getAccessKey is the SigV4 lookup, across accounts
  getAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  /** A user's keys, or the root user's when userName is undefined; oldest first. */
  listAccessKeys(accountId: string, userName: string | undefined): Promise<AccessKeyRecord[]>;

  // console passwords
  getLoginProfile(accountId: string, userName: string): Promise<LoginProfileRecord | undefined>;

  // virtual MFA devices
  getMfaDevice(serialNumber: string): Promise<MfaDeviceRecord | undefined>;
  listMfaDevices(
    accountId: string,
    filter: { assignment?: MfaAssignment; userName?: string },
    page: PageRequest,
  ): Promise<Page<MfaDeviceRecord>>;

  // STS credentials
  getSession(accessKeyId: string): Promise<SessionRecord | undefined>;
}

export interface StoreWrites extends S3StoreWrites {
  /** Creates or replaces an account (lab apply is idempotent). */
  putAccount(account: AccountRecord): Promise<void>;
  /** Sets or (with undefined) removes the alias; aliases are unique across accounts. */
  setAccountAlias(accountId: string, alias: string | undefined): Promise<void>;

  createUser(user: UserInput): Promise<UserRecord>;
  updateUser(accountId: string, name: string, patch: UserPatch): Promise<UserRecord>;
  /** DeleteConflict while keys, memberships, policies, a password or MFA devices remain. */
  deleteUser(accountId: string, name: string): Promise<void>;

  createGroup(group: GroupRecord): Promise<GroupRecord>;
  updateGroup(accountId: string, name: string, patch: GroupPatch): Promise<GroupRecord>;
  deleteGroup(accountId: string, name: string): Promise<void>;
  /** false when the user already was a member. */
  addUserToGroup(accountId: string, groupName: string, userName: string): Promise<boolean>;
  removeUserFromGroup(accountId: string, groupName: string, userName: string): Promise<boolean>;

  createRole(role: RoleInput): Promise<RoleRecord>;
  updateRole(accountId: string, name: string, patch: RolePatch): Promise<RoleRecord>;
  deleteRole(accountId: string, name: string): Promise<void>;

  /** Creates a customer managed policy with version v1 as its default. */
  createPolicy(policy: ManagedPolicyInput): Promise<ManagedPolicyRecord>;
  /** Creates or replaces an AWS managed policy (owner `aws`) and its default version. */
  putAwsManagedPolicy(policy: AwsManagedPolicyInput): Promise<void>;
  /**
   * Adds the next version; UpdateDate becomes its date ("the date and time when the most recent policy
   * version was created", API_Policy.html). Version ids keep counting up: after v1…v5 and a delete, v6.
   */
  createPolicyVersion(arn: string, version: PolicyVersionInput): Promise<PolicyVersionRecord>;
  setDefaultPolicyVersion(arn: string, versionId: string): Promise<void>;
  /** DeleteConflict for the default version. */
  deletePolicyVersion(arn: string, versionId: string): Promise<void>;
  setPolicyTags(arn: string, tags: Tag[]): Promise<void>;
  /** Deletes the policy and all its versions; DeleteConflict while attached. */
  deletePolicy(arn: string): Promise<void>;
  /** false when already attached. */
  attachPolicy(accountId: string, kind: PrincipalKind, name: string, policyArn: string): Promise<boolean>;
  detachPolicy(accountId: string, kind: PrincipalKind, name: string, policyArn: string): Promise<boolean>;

  /** Creates or replaces. */
  putInlinePolicy(
    accountId: string,
    kind: PrincipalKind,
    principalName: string,
    policy: InlinePolicyRecord,
  ): Promise<void>;
  deleteInlinePolicy(
    accountId: string,
    kind: PrincipalKind,
    principalName: string,
    policyName: string,
  ): Promise<void>;

  createAccessKey(
    key: Omit<AccessKeyRecord, 'lastUsedDate' | 'lastUsedService' | 'lastUsedRegion'>,
  ): Promise<void>;
  setAccessKeyStatus(accessKeyId: string, status: AccessKeyStatus): Promise<void>;
  deleteAccessKey(accessKeyId: string): Promise<void>;

  /** Creates or replaces. */
  putLoginProfile(profile: LoginProfileRecord): Promise<void>;
  deleteLoginProfile(accountId: string, userName: string): Promise<void>;

  createMfaDevice(device: Omit<MfaDeviceRecord, 'lastUsedStep'>): Promise<void>;
  updateMfaDevice(serialNumber: string, patch: MfaDevicePatch): Promise<MfaDeviceRecord>;
  deleteMfaDevice(serialNumber: string): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  /** Removes credentials that expired before `now`; returns how many. */
  deleteExpiredSessions(now: number): Promise<number>;
}

/**
 * The handle a transaction's function receives: reads see the transaction's own writes. Writes throw
 * StoreError (EntityAlreadyExists, NoSuchEntity, DeleteConflict); a caught one leaves the transaction
 * usable. The handle is dead once the transaction ends.
 */
export interface StoreTx extends StoreReads, StoreWrites {}

export interface TransactionOptions {
  /**
   * Default true: the promise settles once the commit is durable. false: once it is committed and
   * every read sees it, maybe before it is durable. For a write that a durable transaction will depend on
   * (an object's body before its record): commits become durable in order, so the later one's
   * acknowledgement covers this one, and a crash in between leaves only what nothing names yet.
   */
  durable?: boolean;
}

export interface Store extends StoreReads {
  /**
   * Runs fn with a write handle; commits when it returns, rolls back when it throws. Transactions run
   * one at a time, so do slow work (password hashing) before, not inside, and never start a
   * transaction from inside another: it would wait for itself.
   */
  transaction<T>(fn: (tx: StoreTx) => T | Promise<T>, options?: TransactionOptions): Promise<T>;

  /**
   * Records that a key signed a request (GetAccessKeyLastUsed). Best effort and batched: AWS itself
   * reports last use with a delay, and a write per request would cost a disk flush each.
   */
  noteAccessKeyUse(accessKeyId: string, use: AccessKeyUse): void;

  /**
   * Appends an audit record, batched with concurrent appends; the promise settles once the batch is
   * committed (it then survives a crash of the process). The pipeline need not wait for it.
   */
  appendAudit(record: AuditInput): Promise<void>;
  queryAudit(filter: AuditFilter): Promise<AuditRecord[]>;

  /**
   * A number that changes whenever a committed transaction changed IAM state (accounts, users, groups,
   * roles, policies and their versions, attachments, inline policies, boundaries, tags, access keys,
   * passwords, MFA devices), and not for sessions, S3 or audit writes. It has changed by the time the
   * transaction's promise settles, so what was read under one value may be kept until it changes.
   */
  iamEpoch(): number;

  /** Writes what is batched and releases the backend. */
  close(): Promise<void>;
}
