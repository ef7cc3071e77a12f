// A browser upload (POST Object): `POST /bucket` with a multipart/form-data body, which no operation of
// S3's model describes. Read top to bottom: the form's fields, who signed it (or anonymous), whether the
// fields meet the signed policy, the bucket, authorization as s3:PutObject with s3:authType POST, then
// PutObject's own handler writes the file as it streams, within the policy's content-length-range.
// CloudTrail names the operation PostObject.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-UsingHTTPPOST.html
import type { IncomingMessage } from 'node:http';
import { pipeline, type Readable, Transform } from 'node:stream';
import {
  checkPostPolicy,
  contentLengthRange,
  type PostPolicyFailure,
  parsePostPolicy,
  verifyPostSignature,
} from '../auth/index.js';
import { s3Targets } from '../authorize/s3-targets.js';
import type { AwsError } from '../protocol/errors.js';
import { parseS3Target } from '../protocol/rest-xml/match.js';
import type { S3Response } from '../protocol/rest-xml/serialize-response.js';
import { ANONYMOUS_CALLER } from '../services/anonymous-caller.js';
import type { Caller } from '../services/handler-context.js';
import { MAX_PUT_SIZE } from '../services/s3/object-body.js';
import { putObject } from '../services/s3/put-object.js';
import type { S3HandlerContext } from '../services/s3/s3-context.js';
import { s3Error } from '../services/s3/s3-errors.js';
import { findCredentials } from './find-credentials.js';
import type { RequestTrail } from './request-audit.js';
import {
  authError,
  decideS3,
  noteS3Use,
  type S3Run,
  type S3ServerContext,
  s3AccessDenied,
  s3Connection,
} from './s3-pipeline.js';
import { discardRest, formBoundary, MalformedPostForm, readPostForm } from './s3-post-form.js';
import { postHeaders, postPutObjectInput } from './s3-post-input.js';
import { postUploadResponse } from './s3-post-response.js';

// The variable a key may hold for the name of the file the user chose.
// biome-ignore lint/suspicious/noTemplateCurlyInString: S3's ${filename} variable, not a template.
const FILENAME = '${filename}';
// A refused form's rest is read (and dropped) up to this much before the answer.
const MAX_DISCARDED = 1024 * 1024;

/** `POST /bucket` (or `/` of a virtual-hosted bucket) with a multipart/form-data body and no query. */
export function isPostUpload(req: IncomingMessage, virtualBucket: string | undefined): boolean {
  if (req.method !== 'POST' || formBoundary(req.headers['content-type']) === undefined) return false;
  const target = parseS3Target(req.url ?? '/', virtualBucket);
  return target.ok && target.bucket !== undefined && !target.key && target.query === '';
}

export const runPostUpload: S3Run = async (req, virtualBucket, server, trail) => {
  trail.operation = 'PostObject';
  const source: AsyncIterator<Buffer> = req[Symbol.asyncIterator]();
  try {
    return await upload(req, source, virtualBucket, server, trail);
  } catch (error) {
    // A client gone meanwhile has nothing left to read: the answer is the error already thrown.
    await discardRest(source, MAX_DISCARDED).catch(() => undefined);
    throw error;
  }
};

async function upload(
  req: IncomingMessage,
  source: AsyncIterator<Buffer>,
  virtualBucket: string | undefined,
  server: S3ServerContext,
  trail: RequestTrail,
): Promise<S3Response> {
  const now = server.now();
  const target = parseS3Target(req.url ?? '/', virtualBucket);
  if (!target.ok) throw target.error;
  const bucketName = target.bucket ?? '';
  const read = await readPostForm(source, formBoundary(req.headers['content-type']) ?? '');
  if (!read.ok) {
    throw s3Error(
      read.problem === 'too-large' ? 'MaxPostPreDataLengthExceededError' : 'MalformedPOSTRequest',
    );
  }
  const { fields, names, file } = read.form;
  if (!fields.get('key')) throw missingField('key');
  if (!file) throw s3Error('IncorrectNumberOfFilesInPostRequest');
  const key = (fields.get('key') ?? '').replaceAll(FILENAME, file.filename);

  // 1. Who signed it, if anyone.
  const claimed = fields.get('x-amz-credential')?.split('/')[0];
  const credentials = claimed ? await findCredentials(server.store, server.cache, claimed) : undefined;
  const signature = verifyPostSignature(
    fields,
    {
      findAccessKey: (id) =>
        credentials && id === credentials.key.accessKeyId ? credentials.key : undefined,
    },
    now,
  );
  if (signature.outcome === 'failed') throw authError(signature);
  if (signature.outcome === 'incomplete') throw missingField(signature.field);
  if (signature.outcome === 'unsigned-policy') throw s3Error('AccessDenied');
  const verified = signature.outcome === 'verified' ? signature : undefined;
  // INVARIANT: a verified key is the one found above.
  const caller = verified ? (credentials?.caller as Caller) : ANONYMOUS_CALLER;
  trail.caller = caller;

  // 2. Whether the form meets the policy it was signed with.
  let sizes = { min: 0, max: MAX_PUT_SIZE };
  if (verified) {
    const parsed = parsePostPolicy(verified.policy);
    if (!parsed.ok) throw s3Error('InvalidPolicyDocument', parsed.message);
    const withKey = new Map(fields).set('key', key);
    const failure = checkPostPolicy(parsed.policy, { fields: withKey, names }, bucketName, now);
    if (failure) throw policyError(failure);
    const range = contentLengthRange(parsed.policy);
    if (range) sizes = { min: range.min, max: Math.min(range.max, MAX_PUT_SIZE) };
  }

  // 3. Whether the caller may put the object.
  const bucket = await server.store.getBucket(bucketName);
  if (!bucket) throw s3Error('NoSuchBucket', undefined, { BucketName: bucketName });
  const body = limitSize(file.body, sizes.min, sizes.max);
  const input = postPutObjectInput(server.s3Model, fields, bucketName, key, body);
  const region = verified?.region ?? '';
  const targets = s3Targets({
    operation: 'PutObject',
    input: input as unknown as Record<string, unknown>,
    bucket,
    object: undefined,
    headers: postHeaders(fields),
    authType: verified ? 'POST' : undefined,
    signatureAgeMs: verified ? now.getTime() - verified.signedAt.getTime() : undefined,
  });
  const connection = s3Connection(req, now, region);
  const denied = await decideS3(server, caller, targets, { bucket, object: undefined }, connection, trail);
  if (denied) throw s3AccessDenied(denied, caller);

  // 4. Write it, as PutObject does.
  noteS3Use(server, caller, now, region);
  const ctx: S3HandlerContext = {
    caller,
    store: server.store,
    now,
    requestId: trail.requestId,
    region,
    bodies: server.bodies,
    bucket,
    // Nothing about the file is signed: the policy limits its size, and the ETag is its MD5.
    payloadDigests: () => ({}),
    trailingChecksums: [],
    authorizeEach: () => Promise.reject(new Error('PostObject makes one IAM request')),
  };
  const output = await putObject(input, ctx).catch((error: unknown) => {
    throw bodyError(error);
  });
  return postUploadResponse({
    fields,
    host: req.headers.host ?? 'localhost',
    virtualHosted: virtualBucket !== undefined,
    bucket: bucketName,
    key,
    output,
    requestId: trail.requestId,
  });
}

/** The file's size, outside the policy's content-length-range (or over 5 GiB), as it streams. */
class PostSizeError extends Error {
  constructor(
    readonly tooLarge: boolean,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`file size ${size} outside the allowed range`);
    this.name = 'PostSizeError';
  }
}

// Too large fails as soon as the file passes the maximum, so the rest is never read; too small at its end,
// before the body store keeps anything.
function limitSize(body: Readable, min: number, max: number): Readable {
  let size = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > max) done(new PostSizeError(true, size, max));
      else done(null, chunk);
    },
    flush(done) {
      done(size < min ? new PostSizeError(false, size, min) : null);
    },
  });
  // A form that ends inside the file fails the limiter too, with the form's error.
  return pipeline(body, limiter, () => {});
}

function bodyError(error: unknown): unknown {
  if (error instanceof MalformedPostForm) return s3Error('MalformedPOSTRequest');
  if (!(error instanceof PostSizeError)) return error;
  const extra = { ProposedSize: String(error.size) };
  return error.tooLarge
    ? s3Error('EntityTooLarge', undefined, { ...extra, MaxSizeAllowed: String(error.limit) })
    : s3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
        ...extra,
        MinSizeAllowed: String(error.limit),
      });
}

function policyError(failure: PostPolicyFailure): AwsError {
  const prefix = 'Invalid according to Policy: ';
  switch (failure.kind) {
    case 'expired':
      return s3Error('AccessDenied', `${prefix}Policy expired.`);
    case 'condition-failed':
      return s3Error('AccessDenied', `${prefix}Policy Condition failed: ${failure.condition}`);
    case 'extra-fields':
      return s3Error('AccessDenied', `${prefix}Extra input fields: ${failure.fields.join(', ')}`);
  }
}

// As S3 names a field the form lacks (the fields before the file are all it reads).
function missingField(name: string): AwsError {
  return s3Error(
    'InvalidArgument',
    `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    { ArgumentName: name, ArgumentValue: '' },
  );
}
