// The resource-based side of an S3 request: the bucket policy, plus the bucket's and the object's ACL
// grants when ACLs are in force, after Block Public Access has had its say. ACL grants become policy
// statements, so the engine applies one logic to both (explicit deny wins, cross-account needs both).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#permissions
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
import type { CallerFacts } from '../policy/types.js';
import type {
  BucketRecord,
  Grant,
  ObjectRecord,
  Permission,
  PublicAccessBlock,
} from '../store/s3-records.js';
import type { ResourcePolicyRef } from './authz-target.js';
import { effectivePublicAccessBlock, isPublicAcl, isPublicPolicy } from './s3-public-access.js';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

const BUCKET_GRANTS: Readonly<Record<Permission, readonly string[]>> = {
  READ: ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'],
  WRITE: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
  READ_ACP: ['s3:GetBucketAcl'],
  WRITE_ACP: ['s3:PutBucketAcl'],
  FULL_CONTROL: [],
};
const OBJECT_GRANTS: Readonly<Record<Permission, readonly string[]>> = {
  READ: ['s3:GetObject', 's3:GetObjectVersion'],
  WRITE: [],
  READ_ACP: ['s3:GetObjectAcl', 's3:GetObjectVersionAcl'],
  WRITE_ACP: ['s3:PutObjectAcl', 's3:PutObjectVersionAcl'],
  FULL_CONTROL: [],
};

export interface S3ResourcePolicyFacts {
  bucket: BucketRecord;
  /** The object the request reads, when its ACL matters (ACLs in force). */
  object: ObjectRecord | undefined;
  /**
   * The object belongs to another account than the bucket's: its ACL alone speaks for it. The bucket
   * owner's policy and ACL cannot grant what the bucket owner does not own.
   */
  objectOnly?: boolean;
  /** The bucket owner's account-level Block Public Access. */
  accountBlock: PublicAccessBlock | undefined;
  caller: CallerFacts;
  /** The account of a canonical user id, for ACL grants; undefined for ids of no known account. */
  accountOf: (canonicalId: string) => string | undefined;
}

/** Undefined when nothing on the resource side can allow (no policy, no ACL grants that apply). */
export function s3ResourcePolicy(facts: S3ResourcePolicyFacts): ResourcePolicyRef | undefined {
  const { bucket, object } = facts;
  const block = effectivePublicAccessBlock(bucket, facts.accountBlock);
  const statements: unknown[] = [];
  let policy = facts.objectOnly ? undefined : bucket.policy;
  // RestrictPublicBuckets: a public policy then serves only the bucket owner's account.
  if (
    policy &&
    block.restrictPublicBuckets &&
    facts.caller.account !== bucket.accountId &&
    isPublicPolicy(policy)
  ) {
    policy = undefined;
  }
  const aclsInForce = bucket.ownership !== 'BucketOwnerEnforced';
  if (aclsInForce) {
    const usable = (grants: readonly Grant[]) =>
      block.ignorePublicAcls ? grants.filter((g) => !isPublicAcl({ ownerId: '', grants: [g] })) : grants;
    for (const grant of facts.objectOnly ? [] : usable(bucket.acl.grants)) {
      const statement = grantStatement(grant, BUCKET_GRANTS, [`arn:aws:s3:::${bucket.name}`], facts);
      if (statement) statements.push(statement);
    }
    if (object) {
      for (const grant of usable(object.acl.grants)) {
        const resource = `arn:aws:s3:::${bucket.name}/${object.key}`;
        const statement = grantStatement(grant, OBJECT_GRANTS, [resource], facts);
        if (statement) statements.push(statement);
      }
    }
  }
  if (statements.length === 0) {
    return policy
      ? { id: `arn:aws:s3:::${bucket.name} bucket policy`, name: 'bucket policy', document: policy }
      : undefined;
  }
  // ACL grants join the policy's own statements in one document.
  const own = policy ? policyStatements(policy) : [];
  return {
    id: `arn:aws:s3:::${bucket.name} bucket policy and ACL`,
    name: policy ? 'bucket policy and ACL' : 'ACL',
    document: JSON.stringify({ Version: '2012-10-17', Statement: [...own, ...statements] }),
  };
}

function grantStatement(
  grant: Grant,
  table: Readonly<Record<Permission, readonly string[]>>,
  resources: readonly string[],
  facts: S3ResourcePolicyFacts,
): unknown {
  const actions =
    grant.permission === 'FULL_CONTROL' ? [...new Set(Object.values(table).flat())] : table[grant.permission];
  if (actions.length === 0) return undefined;
  // WRITE on a bucket grants object writes: the statement names the objects too.
  const resource = table === BUCKET_GRANTS ? [...resources, `${resources[0]}/*`] : [...resources];
  const base = { Effect: 'Allow', Action: actions, Resource: resource };
  const { grantee } = grant;
  if (grantee.type === 'Group' && grantee.uri === ALL_USERS) return { ...base, Principal: '*' };
  if (grantee.type === 'Group' && grantee.uri === AUTHENTICATED_USERS) {
    // Any signed AWS caller: an anonymous request has no principal account.
    return { ...base, Principal: '*', Condition: { Null: { 'aws:PrincipalAccount': 'false' } } };
  }
  if (grantee.type === 'CanonicalUser') {
    const account = facts.accountOf(grantee.id);
    return account ? { ...base, Principal: { AWS: `arn:aws:iam::${account}:root` } } : undefined;
  }
  return undefined;
}

function policyStatements(policy: string): unknown[] {
  try {
    const statement = (JSON.parse(policy) as { Statement?: unknown }).Statement;
    return Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  } catch {
    return [];
  }
}
