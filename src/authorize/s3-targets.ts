// S3 operation → the IAM authorization requests it makes, with S3's condition keys:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
// Pure: the server passes what it read (the bucket, the object when s3TargetsNeedObject says so).
import type { ContextValue } from '../policy/types.js';
import type { BucketRecord, ObjectRecord } from '../store/s3-records.js';
import type { AuthzTarget } from './authz-target.js';
import { inputText } from './input-text.js';

export type S3AuthType = 'REST-HEADER' | 'REST-QUERY-STRING' | 'POST';

export interface S3TargetFacts {
  operation: string;
  input: Readonly<Record<string, unknown>>;
  /** The bucket named by the request, when it exists. */
  bucket: BucketRecord | undefined;
  /** The object the request names, read when s3TargetsNeedObject asks (s3:ExistingObjectTag/…). */
  object: ObjectRecord | undefined;
  /** Request headers, lower-case names. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Absent for an anonymous request. */
  authType: S3AuthType | undefined;
  /** Milliseconds since the request was signed (s3:signatureAge). */
  signatureAgeMs: number | undefined;
}

/** One IAM request of an S3 operation, before the bucket's resource policy is attached. */
export interface S3Target extends AuthzTarget {
  /**
   * CreateBucket's requests: decided in the caller's own account with no resource side. A bucket that
   * already has the name is someone else's (BucketAlreadyExists) or the caller's: the handler answers.
   */
  newBucket?: true;
}

// Bucket operations whose action is the operation's name with the s3: prefix, or a fixed one.
const BUCKET_ACTIONS: Readonly<Record<string, string>> = {
  ListObjects: 's3:ListBucket',
  ListObjectsV2: 's3:ListBucket',
  HeadBucket: 's3:ListBucket',
  ListObjectVersions: 's3:ListBucketVersions',
  ListMultipartUploads: 's3:ListBucketMultipartUploads',
  CreateBucket: 's3:CreateBucket',
  DeleteBucket: 's3:DeleteBucket',
  GetBucketLocation: 's3:GetBucketLocation',
  GetBucketPolicy: 's3:GetBucketPolicy',
  PutBucketPolicy: 's3:PutBucketPolicy',
  DeleteBucketPolicy: 's3:DeleteBucketPolicy',
  GetBucketPolicyStatus: 's3:GetBucketPolicyStatus',
  GetBucketAcl: 's3:GetBucketAcl',
  PutBucketAcl: 's3:PutBucketAcl',
  GetBucketOwnershipControls: 's3:GetBucketOwnershipControls',
  PutBucketOwnershipControls: 's3:PutBucketOwnershipControls',
  DeleteBucketOwnershipControls: 's3:PutBucketOwnershipControls',
  GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
  PutPublicAccessBlock: 's3:PutBucketPublicAccessBlock',
  DeletePublicAccessBlock: 's3:PutBucketPublicAccessBlock',
  GetBucketTagging: 's3:GetBucketTagging',
  PutBucketTagging: 's3:PutBucketTagging',
  DeleteBucketTagging: 's3:PutBucketTagging',
  GetBucketVersioning: 's3:GetBucketVersioning',
  PutBucketVersioning: 's3:PutBucketVersioning',
  GetBucketCors: 's3:GetBucketCORS',
  PutBucketCors: 's3:PutBucketCORS',
  DeleteBucketCors: 's3:PutBucketCORS',
};

// Object operations: the action, and the one used when the request names a version.
const OBJECT_ACTIONS: Readonly<Record<string, readonly [string, string?]>> = {
  GetObject: ['s3:GetObject', 's3:GetObjectVersion'],
  HeadObject: ['s3:GetObject', 's3:GetObjectVersion'],
  PutObject: ['s3:PutObject'],
  DeleteObject: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
  GetObjectTagging: ['s3:GetObjectTagging', 's3:GetObjectVersionTagging'],
  PutObjectTagging: ['s3:PutObjectTagging', 's3:PutObjectVersionTagging'],
  DeleteObjectTagging: ['s3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging'],
  GetObjectAcl: ['s3:GetObjectAcl', 's3:GetObjectVersionAcl'],
  PutObjectAcl: ['s3:PutObjectAcl', 's3:PutObjectVersionAcl'],
  CreateMultipartUpload: ['s3:PutObject'],
  UploadPart: ['s3:PutObject'],
  CompleteMultipartUpload: ['s3:PutObject'],
  AbortMultipartUpload: ['s3:AbortMultipartUpload'],
  ListParts: ['s3:ListMultipartUploadParts'],
  CopyObject: ['s3:PutObject'],
  UploadPartCopy: ['s3:PutObject'],
};

// Operations whose condition context includes the existing object's tags (s3:ExistingObjectTag/…).
const READS_EXISTING_OBJECT = new Set([
  'GetObject',
  'HeadObject',
  'GetObjectTagging',
  'PutObjectTagging',
  'DeleteObjectTagging',
  'GetObjectAcl',
  'PutObjectAcl',
]);

const GRANT_HEADERS = [
  'x-amz-grant-read',
  'x-amz-grant-write',
  'x-amz-grant-read-acp',
  'x-amz-grant-write-acp',
  'x-amz-grant-full-control',
];

/** ListAllMyBuckets has no resource type: policies grant it on `*` or `arn:aws:s3:::*`. */
export const ALL_BUCKETS = 'arn:aws:s3:::*';

export function s3TargetsNeedObject(operation: string): boolean {
  return READS_EXISTING_OBJECT.has(operation);
}

export function bucketArn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}

export function objectArn(bucket: string, key: string): string {
  return `arn:aws:s3:::${bucket}/${key}`;
}

/**
 * The requests to authorize, in order. DeleteObjects has none of its own: each key is authorized as
 * s3:DeleteObject on its own, and refused keys are reported in the answer.
 */
export function s3Targets(facts: S3TargetFacts): S3Target[] {
  const { operation, input } = facts;
  const bucket = inputText(input.Bucket) ?? '';
  const owner = facts.bucket?.accountId ?? '';
  const common = commonKeys(facts);
  if (operation === 'ListBuckets') {
    return [{ action: 's3:ListAllMyBuckets', resource: ALL_BUCKETS, resourceAccount: '', context: common }];
  }
  if (operation === 'DeleteObjects') return [];
  const bucketAction = BUCKET_ACTIONS[operation];
  if (bucketAction) {
    const targets: S3Target[] = [
      {
        action: bucketAction,
        resource: bucketArn(bucket),
        resourceAccount: owner,
        context: { ...common, ...bucketKeys(operation, facts) },
        ...(operation === 'CreateBucket' && { newBucket: true as const }),
      },
    ];
    // Setting ownership or an ACL while creating a bucket needs those permissions too.
    if (operation === 'CreateBucket' && input.ObjectOwnership !== undefined) {
      targets.push({ ...targets[0], action: 's3:PutBucketOwnershipControls' } as S3Target);
    }
    if (
      operation === 'CreateBucket' &&
      aclKeys(facts.headers)['s3:x-amz-acl'] === undefined &&
      hasGrants(facts.headers)
    ) {
      targets.push({ ...targets[0], action: 's3:PutBucketAcl' } as S3Target);
    }
    return targets;
  }
  const objectActions = OBJECT_ACTIONS[operation];
  if (!objectActions) return [];
  const key = inputText(input.Key) ?? '';
  const versionId = inputText(input.VersionId);
  const [plain, versioned] = objectActions;
  const context = { ...common, ...objectKeys(operation, facts) };
  const target: S3Target = {
    action: versionId && versioned ? versioned : plain,
    resource: objectArn(bucket, key),
    resourceAccount: owner,
    context,
  };
  const targets: S3Target[] = [target];
  if (operation === 'PutObject' || operation === 'CopyObject' || operation === 'CreateMultipartUpload') {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html: tags and ACLs need their own permission.
    if (input.Tagging !== undefined) targets.push({ ...target, action: 's3:PutObjectTagging' });
    if (input.ACL !== undefined || hasGrants(facts.headers))
      targets.push({ ...target, action: 's3:PutObjectAcl' });
  }
  const source = copySource(operation, input);
  if (source) {
    // The source is read too: its bucket may belong to another account, whose policy the server attaches.
    targets.unshift({
      action: source.versionId ? 's3:GetObjectVersion' : 's3:GetObject',
      resource: objectArn(source.bucket, source.key),
      resourceAccount: '',
      context: { ...common, ...(source.versionId ? { 's3:VersionId': source.versionId } : {}) },
    });
  }
  return targets;
}

export interface CopySource {
  bucket: string;
  key: string;
  versionId?: string;
}

/** x-amz-copy-source: `bucket/key` or `/bucket/key`, URL-encoded, with an optional `?versionId=`. */
export function copySource(
  operation: string,
  input: Readonly<Record<string, unknown>>,
): CopySource | undefined {
  if (operation !== 'CopyObject' && operation !== 'UploadPartCopy') return undefined;
  const raw = inputText(input.CopySource);
  if (!raw) return undefined;
  const [path = '', query = ''] = raw.split('?', 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/^\//, ''));
  } catch {
    return undefined;
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0) return undefined;
  const versionId = new URLSearchParams(query).get('versionId') ?? undefined;
  return {
    bucket: decoded.slice(0, slash),
    key: decoded.slice(slash + 1),
    ...(versionId ? { versionId } : {}),
  };
}

/** Keys every S3 request carries. */
function commonKeys(facts: S3TargetFacts): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  if (facts.authType) {
    context['s3:authType'] = facts.authType;
    context['s3:signatureversion'] = 'AWS4-HMAC-SHA256';
  }
  if (facts.signatureAgeMs !== undefined) context['s3:signatureAge'] = String(facts.signatureAgeMs);
  const sha = header(facts.headers, 'x-amz-content-sha256');
  if (sha) context['s3:x-amz-content-sha256'] = sha;
  if (facts.bucket) context['s3:ResourceAccount'] = facts.bucket.accountId;
  for (const tag of facts.bucket?.tags ?? []) context[`aws:ResourceTag/${tag.key}`] = tag.value;
  return context;
}

function bucketKeys(operation: string, facts: S3TargetFacts): Record<string, ContextValue> {
  const { input } = facts;
  const context: Record<string, ContextValue> = {};
  if (operation === 'ListObjects' || operation === 'ListObjectsV2' || operation === 'ListObjectVersions') {
    const prefix = inputText(input.Prefix);
    const delimiter = inputText(input.Delimiter);
    if (prefix !== undefined) context['s3:prefix'] = prefix;
    if (delimiter !== undefined) context['s3:delimiter'] = delimiter;
    if (input.MaxKeys !== undefined) context['s3:max-keys'] = String(input.MaxKeys);
  }
  if (operation === 'CreateBucket') {
    const location = (input.CreateBucketConfiguration as { LocationConstraint?: string } | undefined)
      ?.LocationConstraint;
    if (location) context['s3:LocationConstraint'] = location;
    const ownership = inputText(input.ObjectOwnership);
    if (ownership) context['s3:x-amz-object-ownership'] = ownership;
  }
  if (operation === 'CreateBucket' || operation === 'PutBucketAcl')
    Object.assign(context, aclKeys(facts.headers));
  return context;
}

function objectKeys(operation: string, facts: S3TargetFacts): Record<string, ContextValue> {
  const { input, headers } = facts;
  const context: Record<string, ContextValue> = {};
  const versionId = inputText(input.VersionId);
  if (versionId) context['s3:VersionId'] = versionId;
  if (READS_EXISTING_OBJECT.has(operation)) {
    for (const tag of facts.object?.tags ?? []) context[`s3:ExistingObjectTag/${tag.key}`] = tag.value;
  }
  const tagging = requestTags(operation, input);
  if (tagging) {
    for (const [key, value] of tagging) context[`s3:RequestObjectTag/${key}`] = value;
    context['s3:RequestObjectTagKeys'] = tagging.map(([key]) => key);
  }
  if (
    operation === 'PutObject' ||
    operation === 'CopyObject' ||
    operation === 'CreateMultipartUpload' ||
    operation === 'PutObjectAcl'
  ) {
    Object.assign(context, aclKeys(headers));
  }
  for (const name of [
    'x-amz-copy-source',
    'x-amz-metadata-directive',
    'x-amz-storage-class',
    'x-amz-server-side-encryption',
  ]) {
    const value = header(headers, name);
    if (value !== undefined) context[`s3:${name}`] = value;
  }
  return context;
}

/** Tags a request sets: the Tagging header (URL-encoded) or PutObjectTagging's TagSet. */
function requestTags(
  operation: string,
  input: Readonly<Record<string, unknown>>,
): [string, string][] | undefined {
  if (operation === 'PutObjectTagging') {
    const set = (input.Tagging as { TagSet?: { Key?: string; Value?: string }[] } | undefined)?.TagSet ?? [];
    return set.map((tag) => [tag.Key ?? '', tag.Value ?? '']);
  }
  const header = inputText(input.Tagging);
  if (header === undefined) return undefined;
  return [...new URLSearchParams(header)];
}

function aclKeys(headers: S3TargetFacts['headers']): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  const acl = header(headers, 'x-amz-acl');
  if (acl !== undefined) context['s3:x-amz-acl'] = acl;
  for (const name of GRANT_HEADERS) {
    const value = header(headers, name);
    if (value !== undefined) context[`s3:${name}`] = value.split(',').map((grantee) => grantee.trim());
  }
  return context;
}

function hasGrants(headers: S3TargetFacts['headers']): boolean {
  return GRANT_HEADERS.some((name) => header(headers, name) !== undefined);
}

function header(headers: S3TargetFacts['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
