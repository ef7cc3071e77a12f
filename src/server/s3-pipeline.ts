// One S3 request, read top to bottom: find the bucket and key (path- or virtual-hosted-style), verify
// the signature (or serve it anonymously), match the operation, read its input (streaming bodies stay
// streams), look up the bucket, authorize every IAM request the operation makes, run the handler and
// answer, streaming an object's body out. Everything is audited, whatever step it stopped at.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newS3RequestId } from '../arn/index.js';
import {
  type AuthFailure,
  ChunkedBodyError,
  toAwsAuthError,
  type Unsigned,
  type Verified,
  verifyRequest,
} from '../auth/index.js';
import { attachS3ResourcePolicies } from '../authorize/attach-s3-resource-policies.js';
import { type Authorization, authorize } from '../authorize/authorize.js';
import type { AuthzTarget } from '../authorize/authz-target.js';
import { s3DenialMessage } from '../authorize/s3-denial-message.js';
import { type S3TargetFacts, s3Targets, s3TargetsNeedObject } from '../authorize/s3-targets.js';
import type { ContextValue } from '../policy/types.js';
import { AwsError, notImplemented } from '../protocol/errors.js';
import type { ServiceModel } from '../protocol/model/model-types.js';
import { matchS3Operation, parseS3Target } from '../protocol/rest-xml/match.js';
import { parseS3Input, payloadKind } from '../protocol/rest-xml/parse.js';
import { serializeS3Error } from '../protocol/rest-xml/serialize-error.js';
import { type S3Response, serializeS3Response } from '../protocol/rest-xml/serialize-response.js';
import { ANONYMOUS_CALLER } from '../services/anonymous-caller.js';
import type { Caller } from '../services/handler-context.js';
import type { S3Handler, S3HandlerContext } from '../services/s3/s3-context.js';
import { s3Error } from '../services/s3/s3-errors.js';
import { BodyDigestMismatch, type BodyStore } from '../store/bodies/body-store.js';
import type { BucketRecord, ObjectRecord } from '../store/s3-records.js';
import { claimedAccessKey } from './claimed-access-key.js';
import { connectionKeys } from './connection-keys.js';
import { findCredentials } from './find-credentials.js';
import type { ServerContext } from './query-pipeline.js';
import { auditRequest, explanationHeaders, type RequestFacts, type RequestTrail } from './request-audit.js';
import { readPayload, type S3Payload, s3Payload } from './s3-payload.js';

// biome-ignore lint/suspicious/noExplicitAny: the table is typed per operation where it is built.
export type S3HandlerTable = Readonly<Record<string, S3Handler<any, any> | undefined>>;

export interface S3ServerContext extends ServerContext {
  bodies: BodyStore;
  s3Model: ServiceModel;
  s3Handlers: S3HandlerTable;
}

// A policy is at most 20 KB and an XML document (a multi-object delete of 1,000 keys, an ACL) well
// under 2 MB: larger bodies for those operations are refused before they are read whole.
const MAX_DOCUMENT_BODY = 2 * 1024 * 1024;

type S3Trail = RequestTrail;

/** What answers one S3 request once it is routed: an operation of the model, or a browser upload. */
export type S3Run = (
  req: IncomingMessage,
  virtualBucket: string | undefined,
  server: S3ServerContext,
  trail: RequestTrail,
) => Promise<S3Response>;

export async function handleS3Request(
  req: IncomingMessage,
  res: ServerResponse,
  virtualBucket: string | undefined,
  server: S3ServerContext,
  answer: S3Run = run,
): Promise<void> {
  const trail: S3Trail = { requestId: newS3RequestId(), authorizations: [] };
  const ids = { requestId: trail.requestId };
  const method = req.method ?? 'GET';
  let response: S3Response;
  let failure: AwsError | undefined;
  try {
    response = await answer(req, virtualBucket, server, trail);
  } catch (error) {
    failure = toS3Error(error);
    if (!failure) {
      server.log(
        `request ${trail.requestId} failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      failure = s3Error('InternalError');
    }
    response = withExplanation(serializeS3Error(failure, ids, method), trail, server);
  }
  await send(req, res, response, method);
  auditRequest(server, 's3', requestFacts(req), trail, failure, response.status);
}

async function run(
  req: IncomingMessage,
  virtualBucket: string | undefined,
  server: S3ServerContext,
  trail: S3Trail,
): Promise<S3Response> {
  const now = server.now();
  const method = req.method ?? 'GET';
  const target = parseS3Target(req.url ?? '/', virtualBucket);
  if (!target.ok) throw target.error;
  const at = (req.url ?? '/').indexOf('?');
  const rawPath = at < 0 ? (req.url ?? '/') : (req.url ?? '/').slice(0, at);

  // 1. Who signed it, if anyone.
  const { verified, caller } = await authenticateS3(req, server, rawPath, target.query, now);
  trail.caller = caller;

  // 2. What it asks.
  const request = {
    method,
    bucket: target.bucket,
    key: target.key,
    query: target.query,
    headers: req.headers,
  };
  const match = matchS3Operation(server.s3Model, request);
  if (!match.ok) throw match.error;
  const operation = match.plan.operation.name;
  trail.operation = operation;
  const handler = server.s3Handlers[operation];
  if (!handler) throw notImplemented(operation);
  const payload = s3Payload(req, verified.outcome === 'verified' ? verified.payload : undefined);
  const kind = payloadKind(match.plan);
  let body: Readable | Buffer | undefined;
  if (kind === 'stream') body = payload.body;
  else if (kind !== 'none') body = await readDocument(payload, req.headersDistinct['content-md5']?.[0]);
  const parsed = parseS3Input(match, request, body);
  if (!parsed.ok) throw parsed.error;
  const input = parsed.input;

  // 3. Whether it may. A bucket that does not exist is answered as such before any policy: S3 tells
  // a missing bucket (404) from a forbidden one (403).
  const bucketName = typeof input.Bucket === 'string' ? input.Bucket : undefined;
  const bucket = bucketName ? await server.store.getBucket(bucketName) : undefined;
  if (bucketName && !bucket && operation !== 'CreateBucket') {
    throw s3Error('NoSuchBucket', undefined, { BucketName: bucketName });
  }
  const key = typeof input.Key === 'string' ? input.Key : undefined;
  const object =
    bucket && key !== undefined && s3TargetsNeedObject(operation)
      ? await server.store.getObject(
          bucket.name,
          key,
          typeof input.VersionId === 'string' ? input.VersionId : undefined,
        )
      : undefined;
  const facts: S3TargetFacts = {
    operation,
    input,
    bucket,
    object,
    headers: req.headers,
    authType:
      verified.outcome !== 'verified' ? undefined : verified.presigned ? 'REST-QUERY-STRING' : 'REST-HEADER',
    signatureAgeMs: verified.outcome === 'verified' ? now.getTime() - verified.signedAt.getTime() : undefined,
  };
  const region = verified.outcome === 'verified' ? verified.region : '';
  const connection = s3Connection(req, now, region);
  const decide = (targets: AuthzTarget[]) =>
    decideS3(server, caller, targets, { bucket, object }, connection, trail);
  const denied = await decide(s3Targets(facts));
  if (denied) throw s3AccessDenied(denied, caller);

  // 4. Do it.
  noteS3Use(server, caller, now, region);
  const ctx: S3HandlerContext = {
    caller,
    store: server.store,
    now,
    requestId: trail.requestId,
    region,
    bodies: server.bodies,
    bucket,
    object,
    payloadDigests: payload.expected,
    trailingChecksums: payload.trailingChecksums,
    // DeleteObjects: each key as a DeleteObject of its own, with the same condition keys.
    authorizeEach: async (action, resource) => {
      const each = s3Targets({
        ...facts,
        operation: 'DeleteObject',
        input: { Bucket: bucketName, Key: keyOf(resource) },
      });
      return (await decide(each.map((target) => ({ ...target, action })))) === undefined;
    },
  };
  const output = await handler(input, ctx);
  return serializeS3Response(server.s3Model, match.plan, output, { requestId: trail.requestId });
}

/** The condition keys of the request's connection (aws:SourceIp, aws:CurrentTime…). */
export function s3Connection(req: IncomingMessage, now: Date, region: string): Record<string, ContextValue> {
  return connectionKeys({
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    secure: false,
    now,
    region,
    userAgent: req.headers['user-agent'],
  });
}

/** Notes that the caller's key was used, for GetAccessKeyLastUsed. */
export function noteS3Use(server: S3ServerContext, caller: Caller, now: Date, region: string): void {
  if (caller.accessKeyId) {
    server.store.noteAccessKeyUse(caller.accessKeyId, { date: now.getTime(), service: 's3', region });
  }
}

/** Verifies the request's signature, if it has one: the caller it authenticates, or the anonymous one. */
export async function authenticateS3(
  req: IncomingMessage,
  server: S3ServerContext,
  rawPath: string,
  query: string,
  now: Date,
): Promise<{ verified: Verified | Unsigned; caller: Caller }> {
  const claim = claimedAccessKey(req.headersDistinct.authorization?.[0], query);
  const credentials = claim
    ? await findCredentials(server.store, server.cache, claim.accessKeyId)
    : undefined;
  const verified = verifyRequest(
    { method: req.method ?? 'GET', path: rawPath, query, headers: req.headersDistinct },
    {
      findAccessKey: (id) =>
        credentials && id === credentials.key.accessKeyId ? credentials.key : undefined,
    },
    now,
  );
  if (verified.outcome === 'failed') throw authError(verified);
  // INVARIANT: a verified key is the one found above.
  const caller = verified.outcome === 'verified' ? (credentials?.caller as Caller) : ANONYMOUS_CALLER;
  return { verified, caller };
}

/** Decides the IAM requests with their buckets' resource side, into the trail: the first one not allowed. */
export async function decideS3(
  server: S3ServerContext,
  caller: Caller,
  targets: readonly AuthzTarget[],
  known: { bucket: BucketRecord | undefined; object: ObjectRecord | undefined },
  connection: Record<string, ContextValue>,
  trail: RequestTrail,
): Promise<Authorization | undefined> {
  const resolved = await attachS3ResourcePolicies(server.store, caller, targets, known);
  const done = await authorize(server.store, server.cache, caller, resolved, connection);
  trail.authorizations.push(...done);
  return done.find((a) => a.decision.verdict !== 'Allowed');
}

/** S3's AccessDenied for a denied IAM request. */
export function s3AccessDenied({ target, decision }: Authorization, caller: Caller): AwsError {
  return s3Error(
    'AccessDenied',
    s3DenialMessage(decision.message ?? undefined, caller.facts, target.resource, target.resourceAccount),
  );
}

/** The key an object ARN names (`arn:aws:s3:::bucket/key`). */
function keyOf(resource: string): string {
  const path = resource.slice('arn:aws:s3:::'.length);
  return path.slice(path.indexOf('/') + 1);
}

/** Reads an XML document or policy whole, checking what the signature and Content-MD5 promised. */
export async function readDocument(payload: S3Payload, contentMd5: string | undefined): Promise<Buffer> {
  const bytes = await readPayload(payload, MAX_DOCUMENT_BODY);
  if (!bytes) throw s3Error('EntityTooLarge');
  const expected = payload.expected();
  if (expected.sha256Hex && createHash('sha256').update(bytes).digest('hex') !== expected.sha256Hex) {
    throw s3Error('XAmzContentSHA256Mismatch', undefined, {
      ClientComputedContentSHA256: expected.sha256Hex,
      S3ComputedContentSHA256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  if (contentMd5 !== undefined && createHash('md5').update(bytes).digest('base64') !== contentMd5) {
    throw /^[A-Za-z0-9+/]{22}==$/.test(contentMd5) ? s3Error('BadDigest') : s3Error('InvalidDigest');
  }
  return bytes;
}

/** AWS errors pass through; failures of the body stream become S3's answers; anything else is a bug. */
function toS3Error(error: unknown): AwsError | undefined {
  if (error instanceof AwsError) return error;
  if (error instanceof ChunkedBodyError) return authError(error.failure);
  if (error instanceof BodyDigestMismatch) {
    if (error.which === 'sha256') {
      return s3Error('XAmzContentSHA256Mismatch', undefined, {
        ClientComputedContentSHA256: error.expected,
        S3ComputedContentSHA256: error.actual,
      });
    }
    if (error.which === 'size') return s3Error('IncompleteBody');
    return s3Error('BadDigest');
  }
  return undefined;
}

export function authError(failure: AuthFailure): AwsError {
  const answer = toAwsAuthError(failure, 's3');
  return new AwsError({
    code: answer.code,
    status: answer.status,
    message: answer.message,
    extra: answer.fields,
  });
}

function withExplanation(response: S3Response, trail: S3Trail, server: S3ServerContext): S3Response {
  return {
    ...response,
    headers: { ...response.headers, ...explanationHeaders(trail, server.authorizationMessages) },
  };
}

async function send(
  req: IncomingMessage,
  res: ServerResponse,
  response: S3Response,
  method: string,
): Promise<void> {
  const headers = { ...response.headers };
  // An upload refused before its body was read: answer, then drop the connection with the rest unread.
  if (!req.complete) {
    headers.connection = 'close';
    res.once('finish', () => req.destroy());
  }
  const { body } = response;
  if (method === 'HEAD' || body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  if (body instanceof Readable) {
    res.writeHead(response.status, headers);
    // A client that goes away mid-download ends the copy; nothing is left to answer.
    await pipeline(body, res).catch(() => res.destroy());
    return;
  }
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  headers['content-length'] = String(bytes.length);
  res.writeHead(response.status, headers);
  res.end(bytes);
}

function requestFacts(req: IncomingMessage): RequestFacts {
  return { sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: req.headers['user-agent'] };
}
