// What S3 calls public, for Block Public Access: a bucket policy or an ACL that grants to everyone.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
import { parsePolicy } from '../policy/parse/parse-policy.js';
import type { Statement } from '../policy/types.js';
import type { AccessControlList, BucketRecord, PublicAccessBlock } from '../store/s3-records.js';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

// Keys whose fixed values (no wildcard) tie a grant to known callers, which makes it non-public.
const NARROWING_KEYS = new Set(
  [
    'aws:SourceIp',
    'aws:SourceArn',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceOwner',
    'aws:SourceAccount',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:userid',
    'aws:PrincipalArn',
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    's3:x-amz-server-side-encryption-aws-kms-key-id',
    's3:DataAccessPointArn',
    's3:DataAccessPointAccount',
  ].map((key) => key.toLowerCase()),
);
// Operators that compare with fixed values; the *Like forms and negations are not fixed.
const FIXED_OPERATORS = /^(StringEquals|StringEqualsIgnoreCase|ArnEquals|IpAddress)$/;

/**
 * Whether the policy grants to everyone: an Allow whose principal is `*` (or an ARN with a wildcard)
 * and no condition narrows to fixed values of the keys above. An unreadable policy is not public (it
 * could not have been stored).
 */
export function isPublicPolicy(document: string): boolean {
  const { doc } = parsePolicy(document);
  return doc ? doc.statements.some(isPublicStatement) : false;
}

function isPublicStatement(statement: Statement): boolean {
  if (statement.effect.value !== 'Allow' || !statement.principal) return false;
  const { principal } = statement;
  const everyone =
    principal.not ||
    principal.wildcard ||
    principal.entries.some((entry) => entry.type === 'AWS' && entry.value.value.includes('*'));
  if (!everyone) return false;
  return !statement.conditions.some(
    (condition) =>
      NARROWING_KEYS.has(condition.key.value.toLowerCase()) &&
      FIXED_OPERATORS.test(condition.operator.value) &&
      condition.values.every((value) => !value.value.includes('*') && !isWholeInternet(value.value)),
  );
}

/** A source range as wide as `0.0.0.0/0` (or `/1`…`/7`) narrows nothing. */
function isWholeInternet(cidr: string): boolean {
  const bits = /\/(\d+)$/.exec(cidr)?.[1];
  return bits !== undefined && Number(bits) < (cidr.includes(':') ? 32 : 8);
}

/** Grants to AllUsers or AuthenticatedUsers (any AWS account) are public. */
export function isPublicAcl(acl: AccessControlList): boolean {
  return acl.grants.some(
    (grant) =>
      grant.grantee.type === 'Group' &&
      (grant.grantee.uri === ALL_USERS || grant.grantee.uri === AUTHENTICATED_USERS),
  );
}

/** The bucket's and the account's settings, each flag on when either turns it on. */
export function effectivePublicAccessBlock(
  bucket: BucketRecord,
  account: PublicAccessBlock | undefined,
): PublicAccessBlock {
  const own = bucket.publicAccessBlock;
  return {
    blockPublicAcls: Boolean(own?.blockPublicAcls || account?.blockPublicAcls),
    ignorePublicAcls: Boolean(own?.ignorePublicAcls || account?.ignorePublicAcls),
    blockPublicPolicy: Boolean(own?.blockPublicPolicy || account?.blockPublicPolicy),
    restrictPublicBuckets: Boolean(own?.restrictPublicBuckets || account?.restrictPublicBuckets),
  };
}
