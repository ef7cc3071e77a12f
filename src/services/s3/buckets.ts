// Buckets themselves: list, create, head, delete, location.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/creating-buckets-s3.html
import { canonicalUserId } from '../../arn/index.js';
import { isPublicAcl } from '../../authorize/s3-public-access.js';
import type { Bucket, BucketLocationConstraint, CreateBucketRequest } from '../../protocol/generated/s3.js';
import type { AccessControlList, BucketRecord, PublicAccessBlock } from '../../store/s3-records.js';
import { isStoreError } from '../../store/store-error.js';
import { aclFromHeaders, isOwnerOnlyAcl, ownerOnlyAcl, toOwner } from './access-control-list.js';
import { bucketRegion, US_EAST_1 } from './bucket-location.js';
import { noSuchBucket, patchBucket, requireBucket } from './bucket-lookup.js';
import { isValidBucketName } from './bucket-name.js';
import type { S3HandlerContext } from './s3-context.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';
import { checkTagSet } from './tag-set.js';

// New buckets block all public access and disable ACLs, as S3 does since April 2023:
// https://aws.amazon.com/blogs/aws/heads-up-amazon-s3-security-changes-are-coming-in-april-of-2023/
const NEW_BUCKET_BLOCK: PublicAccessBlock = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

const MAX_BUCKETS = 10000;

/** The caller account's buckets only, by name. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html */
export const listBuckets: S3OperationHandler<'ListBuckets'> = async (input, ctx) => {
  const account = requireAccount(ctx);
  const limit = input.MaxBuckets ?? MAX_BUCKETS;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BUCKETS) {
    throw s3Error('InvalidArgument', `Argument max-buckets must be an integer between 1 and ${MAX_BUCKETS}`, {
      ArgumentName: 'max-buckets',
      ArgumentValue: String(input.MaxBuckets),
    });
  }
  const after = input.ContinuationToken === undefined ? undefined : decodeToken(input.ContinuationToken);
  const matching = (await ctx.store.listBuckets(account)).filter(
    (b) =>
      (input.Prefix === undefined || b.name.startsWith(input.Prefix)) &&
      (input.BucketRegion === undefined || b.region === input.BucketRegion) &&
      (after === undefined || b.name > after),
  );
  const page = matching.slice(0, limit);
  const last = page.at(-1);
  // "If the request contains at least one valid parameter, [BucketRegion] is included in the response."
  const withRegion = Object.values(input).some((v) => v !== undefined);
  return {
    Buckets: page.map(
      (b): Bucket => ({
        Name: b.name,
        CreationDate: new Date(b.createDate),
        ...(withRegion && { BucketRegion: b.region }),
      }),
    ),
    Owner: toOwner(canonicalUserId(account)),
    ...(matching.length > limit && last && { ContinuationToken: encodeToken(last.name) }),
    ...(input.Prefix !== undefined && { Prefix: input.Prefix }),
  };
};

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html */
export const createBucket: S3OperationHandler<'CreateBucket'> = async (input, ctx) => {
  const name = input.Bucket;
  if (!isValidBucketName(name)) throw s3Error('InvalidBucketName', undefined, { BucketName: name });
  const account = requireAccount(ctx);
  const config = input.CreateBucketConfiguration;
  // Object Lock, directory buckets and account-regional names are beyond what trustlab keeps.
  if (
    input.ObjectLockEnabledForBucket ||
    config?.Bucket ||
    config?.Location ||
    input.BucketNamespace === 'account-regional'
  ) {
    throw s3Error('NotImplemented');
  }
  const region = bucketRegion(config?.LocationConstraint, ctx.region);
  const ownership = input.ObjectOwnership ?? 'BucketOwnerEnforced';
  const ownerId = canonicalUserId(account);
  const acl = (await creationAcl(input, ownership, ownerId, ctx)) ?? ownerOnlyAcl(ownerId);
  const tags = config?.Tags === undefined ? undefined : checkTagSet(config.Tags, 'bucket');
  const location = region === US_EAST_1 ? `/${name}` : `http://${name}.s3.amazonaws.com/`;

  const existing = await ctx.store.getBucket(name);
  if (existing) return recreate(existing, region, acl, location, ctx);
  const bucket: BucketRecord = {
    name,
    accountId: account,
    region,
    createDate: ctx.now.getTime(),
    ownership,
    acl,
    publicAccessBlock: NEW_BUCKET_BLOCK,
    ...(tags && tags.length > 0 && { tags }),
  };
  try {
    await ctx.store.transaction((tx) => tx.createBucket(bucket));
  } catch (error) {
    // Another request took the name between the read and the write.
    if (isStoreError(error, 'EntityAlreadyExists'))
      throw s3Error('BucketAlreadyExists', undefined, { BucketName: name });
    throw error;
  }
  return { Location: location };
};

/** 200 with the region, or 404/403 without a body. https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html */
export const headBucket: S3OperationHandler<'HeadBucket'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  return { BucketRegion: bucket.region, AccessPointAlias: false };
};

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html */
export const deleteBucket: S3OperationHandler<'DeleteBucket'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  try {
    await ctx.store.transaction((tx) => tx.deleteBucket(bucket.name));
  } catch (error) {
    if (isStoreError(error, 'DeleteConflict')) {
      throw s3Error('BucketNotEmpty', undefined, { BucketName: bucket.name });
    }
    if (isStoreError(error, 'NoSuchEntity')) throw noSuchBucket(bucket.name);
    throw error;
  }
  return undefined;
};

/** us-east-1 answers an empty LocationConstraint. https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html */
export const getBucketLocation: S3OperationHandler<'GetBucketLocation'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  // INVARIANT: a stored region other than us-east-1 came from a valid LocationConstraint.
  return bucket.region === US_EAST_1 ? {} : { LocationConstraint: bucket.region as BucketLocationConstraint };
};

/** ListBuckets and CreateBucket belong to an account; an anonymous caller has none. */
function requireAccount(ctx: S3HandlerContext): string {
  if (ctx.caller.account === '') throw s3Error('AccessDenied');
  return ctx.caller.account;
}

/**
 * The ACL a CreateBucket asks for. With BucketOwnerEnforced (the default) only `private` is accepted;
 * otherwise a public ACL is refused because the new bucket blocks public ACLs.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 */
async function creationAcl(
  input: CreateBucketRequest,
  ownership: string,
  ownerId: string,
  ctx: S3HandlerContext,
): Promise<AccessControlList | undefined> {
  const acl = await aclFromHeaders(input, ownerId, ownerId, ctx.store);
  if (!acl) return undefined;
  if (ownership === 'BucketOwnerEnforced' && !isOwnerOnlyAcl(acl, ownerId)) {
    throw s3Error('InvalidBucketAclWithObjectOwnership');
  }
  if (isPublicAcl(acl)) throw s3Error('InvalidBucketAclWithBlockPublicAccessError');
  return acl;
}

/**
 * CreateBucket on a taken name. "For legacy compatibility, if you re-create an existing bucket that you
 * already own in the North Virginia Region, Amazon S3 returns 200 OK and resets the bucket access
 * control lists (ACLs)"; elsewhere BucketAlreadyOwnedByYou.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 */
async function recreate(
  existing: BucketRecord,
  region: string,
  acl: AccessControlList,
  location: string,
  ctx: S3HandlerContext,
): Promise<{ Location: string }> {
  if (existing.accountId !== ctx.caller.account) {
    throw s3Error('BucketAlreadyExists', undefined, { BucketName: existing.name });
  }
  if (existing.region !== US_EAST_1 || region !== US_EAST_1) {
    throw s3Error('BucketAlreadyOwnedByYou', undefined, { BucketName: existing.name });
  }
  await patchBucket(ctx, existing.name, { acl });
  return { Location: location };
}

// The continuation token is opaque to clients: the last name listed, base64url-encoded.
function encodeToken(name: string): string {
  return Buffer.from(name, 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  const name = Buffer.from(token, 'base64url').toString('utf8');
  if (token === '' || encodeToken(name) !== token) {
    throw s3Error('InvalidArgument', 'The continuation token provided is incorrect', {
      ArgumentName: 'continuation-token',
      ArgumentValue: token,
    });
  }
  return name;
}
