// One IAM or STS request, read top to bottom: verify the signature, parse the operation, refuse what
// STS refuses outright, authorize every IAM request the operation makes, run the handler, answer.
import { createHash, randomUUID } from 'node:crypto';
import { missingAuthenticationError, toAwsAuthError } from '../auth/aws-auth-errors.js';
import { verifyRequest } from '../auth/verify-request.js';
import { authorize } from '../authorize/authorize.js';
import type { AuthzTarget } from '../authorize/authz-target.js';
import { iamTargets } from '../authorize/iam-targets.js';
import type { PolicyCache } from '../authorize/policy-cache.js';
import { stsTargets } from '../authorize/sts-targets.js';
import type { Catalogue } from '../policy/validate/catalogue.js';
import { AwsError, accessDenied, internalError, notImplemented } from '../protocol/errors.js';
import { loadModel } from '../protocol/model/load-model.js';
import { parseQueryRequest } from '../protocol/query/parse.js';
import { serializeQueryError, serializeQueryResponse } from '../protocol/query/serialize.js';
import type { Caller, HandlerContext, OperationHandler } from '../services/handler-context.js';
import type { AuthorizationMessages } from '../services/sts/authorization-message.js';
import { stsRefusal } from '../services/sts/sts-handlers.js';
import { verifyStsMfa } from '../services/sts/verify-mfa.js';
import type { Store } from '../store/store.js';
import { StoreError } from '../store/store-error.js';
import { claimedAccessKey } from './claimed-access-key.js';
import { connectionKeys } from './connection-keys.js';
import { findCredentials } from './find-credentials.js';
import {
  auditRequest,
  denialOf,
  explanationHeaders,
  type RequestFacts,
  type RequestTrail,
} from './request-audit.js';
import { storeEntities } from './store-entities.js';

export type QueryService = 'iam' | 'sts';
// biome-ignore lint/suspicious/noExplicitAny: the tables are typed per operation where they are built.
export type HandlerTable = Readonly<Record<string, OperationHandler<any, any> | undefined>>;

export interface ServerContext {
  store: Store;
  cache: PolicyCache;
  catalogue: Catalogue;
  handlers: Readonly<Record<QueryService, HandlerTable>>;
  authorizationMessages: AuthorizationMessages;
  now: () => Date;
  log: (line: string) => void;
}

export interface IncomingRequest {
  method: string;
  /** Path as sent, percent-encoded. */
  path: string;
  query: string;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  body: Buffer;
  sourceIp: string;
  secure: boolean;
}

export interface OutgoingResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Trail = RequestTrail;

export async function handleQueryRequest(
  service: QueryService,
  request: IncomingRequest,
  server: ServerContext,
): Promise<OutgoingResponse> {
  const trail: Trail = { requestId: randomUUID(), authorizations: [] };
  const model = loadModel(service);
  let response: OutgoingResponse;
  try {
    response = await run(service, request, server, trail);
  } catch (error) {
    const known = toAwsError(error, service);
    if (!known)
      server.log(
        `request ${trail.requestId} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    const failure = known ?? internalError();
    const answer = serializeQueryError(model, failure, trail.requestId);
    response = {
      ...answer,
      headers: { ...answer.headers, ...explanationHeaders(trail, server.authorizationMessages) },
    };
    auditRequest(server, service, requestFacts(request), trail, failure);
    return response;
  }
  auditRequest(server, service, requestFacts(request), trail, undefined);
  return response;
}

async function run(
  service: QueryService,
  request: IncomingRequest,
  server: ServerContext,
  trail: Trail,
): Promise<OutgoingResponse> {
  const now = server.now();
  const model = loadModel(service);

  // 1. Who signed it.
  const claim = claimedAccessKey(single(request.headers.authorization), request.query);
  const credentials = claim
    ? await findCredentials(server.store, server.cache, claim.accessKeyId)
    : undefined;
  const verified = verifyRequest(
    {
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      bodySha256: createHash('sha256').update(request.body).digest('hex'),
    },
    {
      findAccessKey: (id) =>
        credentials && id === credentials.key.accessKeyId ? credentials.key : undefined,
    },
    now,
  );
  if (verified.outcome === 'anonymous') throw authError(missingAuthenticationError());
  if (verified.outcome === 'failed') throw authError(toAwsAuthError(verified, service));
  // INVARIANT: a verified key is the one found above.
  const caller = credentials?.caller as Caller;
  trail.caller = caller;

  // 2. What it asks.
  const parsed = parseQueryRequest(model, {
    method: request.method,
    contentType: single(request.headers['content-type']),
    body: request.body,
    query: request.query,
  });
  if (parsed.kind === 'redirect') return { status: 302, headers: { location: parsed.location }, body: '' };
  if (parsed.kind === 'error') throw parsed.error;
  const operation = parsed.operation.name;
  trail.operation = operation;
  const handler = server.handlers[service][operation];
  if (!handler) throw notImplemented(operation);

  // 3. Whether it may.
  const refusal = service === 'sts' ? stsRefusal(operation, caller) : undefined;
  if (refusal) throw refusal;
  // An MFA code is checked before any policy: the trust policy may require aws:MultiFactorAuthPresent.
  const mfa = service === 'sts' ? await verifyStsMfa(parsed.input, caller, server.store, now) : undefined;
  const targets = (await targetsOf(service, operation, parsed.input, caller, server)).map((target) =>
    mfa ? { ...target, context: { ...target.context, ...mfa } } : target,
  );
  trail.authorizations = await authorize(
    server.store,
    server.cache,
    caller,
    targets,
    connectionKeys({
      sourceIp: request.sourceIp,
      secure: request.secure,
      now,
      region: verified.region,
      userAgent: single(request.headers['user-agent']),
    }),
  );
  const denied = denialOf(trail);
  if (denied) throw accessDenied(denied.decision.message ?? 'Access denied');

  // 4. Do it.
  server.store.noteAccessKeyUse(caller.accessKeyId, {
    date: now.getTime(),
    service,
    region: verified.region,
  });
  const ctx: HandlerContext = {
    caller,
    store: server.store,
    now,
    requestId: trail.requestId,
    region: verified.region,
    authorizationMessages: server.authorizationMessages,
  };
  const output = await handler(parsed.input, ctx);
  return serializeQueryResponse(model, parsed.operation, output, trail.requestId);
}

function targetsOf(
  service: QueryService,
  operation: string,
  input: Record<string, unknown>,
  caller: Caller,
  server: ServerContext,
): Promise<AuthzTarget[]> | AuthzTarget[] {
  if (service === 'sts') return stsTargets({ operation, input, account: caller.account });
  return iamTargets({
    operation,
    input,
    caller: caller.facts,
    account: caller.account,
    entities: storeEntities(server.store),
    catalogue: server.catalogue,
  });
}

/** AWS errors pass through; the store's, named after IAM's, become them; anything else is a bug. */
function toAwsError(error: unknown, service: QueryService): AwsError | undefined {
  if (error instanceof AwsError) return error;
  if (error instanceof StoreError) {
    const status = error.code === 'NoSuchEntity' ? 404 : error.code === 'InvalidMarker' ? 400 : 409;
    return new AwsError({
      code: service === 'iam' ? error.code : 'InvalidParameterValue',
      status,
      message: error.message,
    });
  }
  return undefined;
}

function authError(error: { code: string; status: number; message: string }): AwsError {
  return new AwsError({ code: error.code, status: error.status, message: error.message });
}

function requestFacts(request: IncomingRequest): RequestFacts {
  return { sourceIp: request.sourceIp, userAgent: single(request.headers['user-agent']) };
}

function single(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}
