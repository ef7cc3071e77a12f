// Gives each S3 target its bucket's resource side: the owner's account as the resource account and the
// bucket policy (with ACL grants, after Block Public Access). A copy's source bucket is read here too.
import { canonicalUserId } from '../arn/index.js';
import type { Caller } from '../services/handler-context.js';
import type { BucketRecord, ObjectRecord } from '../store/s3-records.js';
import type { Store } from '../store/store.js';
import type { AuthzTarget } from './authz-target.js';
import { s3ResourcePolicy } from './s3-resource-policy.js';
import { ALL_BUCKETS, objectArn, type S3Target } from './s3-targets.js';

const S3_ARN = 'arn:aws:s3:::';

export async function attachS3ResourcePolicies(
  store: Store,
  caller: Caller,
  targets: readonly S3Target[],
  known: { bucket: BucketRecord | undefined; object: ObjectRecord | undefined },
): Promise<AuthzTarget[]> {
  let accounts: Map<string, string> | undefined;
  const accountOf = (id: string) => accounts?.get(id);
  const resolved: AuthzTarget[] = [];
  for (const target of targets) {
    const name = bucketOf(target.resource);
    const bucket =
      name === undefined
        ? undefined
        : name === known.bucket?.name
          ? known.bucket
          : await store.getBucket(name);
    if (!bucket || target.newBucket) {
      // ListAllMyBuckets, a bucket to create, or a copy source that does not exist (the handler answers
      // NoSuchBucket).
      resolved.push({ ...target, resourceAccount: caller.account });
      continue;
    }
    if (bucket.ownership !== 'BucketOwnerEnforced' && !accounts) {
      accounts = new Map((await store.listAccounts()).map((a) => [canonicalUserId(a.id), a.id]));
    }
    const object =
      known.object && target.resource === objectArn(bucket.name, known.object.key) ? known.object : undefined;
    // Where ACLs are in force, an object another account wrote is that account's resource.
    const owner = object && ownedByAnother(bucket, object) ? object.ownerAccountId : bucket.accountId;
    const policy = s3ResourcePolicy({
      bucket,
      object,
      objectOnly: owner !== bucket.accountId,
      accountBlock: await store.getAccountPublicAccessBlock(bucket.accountId),
      caller: caller.facts,
      accountOf,
    });
    resolved.push({
      ...target,
      resourceAccount: owner,
      context: { ...target.context, 's3:ResourceAccount': owner },
      ...(policy ? { resourcePolicy: policy } : {}),
    });
  }
  return resolved;
}

/**
 * Under BucketOwnerEnforced the bucket owner owns every object. Otherwise an object keeps the account that
 * wrote it (ObjectWriter, or BucketOwnerPreferred without bucket-owner-full-control); an anonymous writer's
 * objects are left to the bucket owner.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 */
function ownedByAnother(bucket: BucketRecord, object: ObjectRecord): boolean {
  return (
    bucket.ownership !== 'BucketOwnerEnforced' &&
    object.ownerAccountId !== '' &&
    object.ownerAccountId !== bucket.accountId
  );
}

function bucketOf(resource: string): string | undefined {
  if (resource === ALL_BUCKETS || !resource.startsWith(S3_ARN)) return undefined;
  const path = resource.slice(S3_ARN.length);
  const slash = path.indexOf('/');
  return slash < 0 ? path : path.slice(0, slash);
}
