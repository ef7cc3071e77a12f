import type { AwsError } from '../errors.js';
import type { ServiceModel } from '../model/model-types.js';
import { decodeForm } from '../query/decode-form.js';
import { operationPlans, type ResourceKind, type S3OperationPlan } from './operation-plan.js';
import { invalidUri, methodNotAllowed } from './s3-protocol-errors.js';

// Which S3 operation a path-style request is: the method and what the path names (the service, a bucket or
// an object) narrow it to the operations sharing that shape; the request URI's literal query keys (`?acl`,
// `?uploads`, `?list-type=2`) pick among them, the most specific first. Operations left on the same URI
// are told apart by the members they require (`uploadId` makes a DELETE an AbortMultipartUpload,
// `x-amz-copy-source` makes a PUT a CopyObject), then by the newer of an old/new pair. Other query keys
// (`versionId`, the SDK's `x-id`) are members or ignored, never selectors.

export interface S3HttpRequest {
  method: string;
  /** Decoded; undefined for `/`. */
  bucket: string | undefined;
  /** Decoded, `/` kept; undefined or '' when the path names only the bucket. */
  key: string | undefined;
  /** The raw query string, without `?`. */
  query: string;
  /** Names in lower case, as node:http gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

export type S3Target =
  | { ok: true; bucket: string | undefined; key: string | undefined; query: string }
  | { ok: false; error: AwsError };

export interface S3Matched {
  ok: true;
  plan: S3OperationPlan;
  /** The decoded query; the first of repeated keys wins. */
  query: ReadonlyMap<string, string>;
}

export type S3Match = S3Matched | { ok: false; error: AwsError };

/**
 * Splits a request target (`/bucket/a%20key?acl`) into the bucket, the key and the raw query. With
 * `virtualBucket` (from a `bucket.host` name) the whole path is the key.
 */
export function parseS3Target(target: string, virtualBucket?: string): S3Target {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  if (!path.startsWith('/')) return { ok: false, error: invalidUri() };
  let bucket: string | null | undefined;
  let key: string | null | undefined;
  if (virtualBucket !== undefined) {
    bucket = virtualBucket;
    key = decodePath(path.slice(1));
  } else if (path.length > 1) {
    const slash = path.indexOf('/', 1);
    bucket = decodePath(slash < 0 ? path.slice(1) : path.slice(1, slash));
    key = slash < 0 ? undefined : decodePath(path.slice(slash + 1));
  }
  if (bucket === null || key === null) return { ok: false, error: invalidUri() };
  return { ok: true, bucket, key, query };
}

export function matchS3Operation(model: ServiceModel, request: S3HttpRequest): S3Match {
  const form = decodeForm(request.query);
  if (!form.ok) return { ok: false, error: invalidUri() };
  const query = new Map<string, string>();
  for (const [k, v] of form.pairs) if (!query.has(k)) query.set(k, v);

  const resource: ResourceKind = request.bucket === undefined ? 'service' : request.key ? 'object' : 'bucket';
  const method = request.method.toUpperCase();
  for (const route of routesOf(model).get(`${method} ${resource}`) ?? []) {
    if (!route.selectors.every(([k, v]) => query.has(k) && (v === undefined || query.get(k) === v))) continue;
    const single = route.plans.length === 1;
    const plan = route.plans.find(
      (p) =>
        p.input.requiredQuery.every((m) => query.has(m.wire)) &&
        (single || p.input.requiredHeaders.every((m) => request.headers[m.wire] !== undefined)),
    );
    if (plan) return { ok: true, plan, query };
  }
  return { ok: false, error: methodNotAllowed(method, resourceTypes[resource]) };
}

const resourceTypes = { service: 'SERVICE', bucket: 'BUCKET', object: 'OBJECT' } as const;

interface Route {
  selectors: S3OperationPlan['selectors'];
  /** Operations on the same method, resource and selectors, the most demanding first. */
  plans: S3OperationPlan[];
}

const routesByModel = new WeakMap<ServiceModel, ReadonlyMap<string, Route[]>>();

function routesOf(model: ServiceModel): ReadonlyMap<string, Route[]> {
  let routes = routesByModel.get(model);
  if (routes) return routes;
  const built = new Map<string, Route[]>();
  for (const plan of operationPlans(model).values()) {
    const key = `${plan.operation.http.method} ${plan.resource}`;
    const list = built.get(key) ?? [];
    built.set(key, list);
    const selectorKey = selectorText(plan.selectors);
    const route = list.find((r) => selectorText(r.selectors) === selectorKey);
    if (route) route.plans.push(plan);
    else list.push({ selectors: plan.selectors, plans: [plan] });
  }
  for (const list of built.values()) {
    list.sort((a, b) => b.selectors.length - a.selectors.length);
    for (const route of list) {
      // Stable sort: the model's order breaks the remaining ties (ListBuckets before ListDirectoryBuckets).
      route.plans.sort(
        (a, b) => demands(b) - demands(a) || Number(a.operation.deprecated) - Number(b.operation.deprecated),
      );
    }
  }
  routes = built;
  routesByModel.set(model, routes);
  return routes;
}

function demands(plan: S3OperationPlan): number {
  return plan.input.requiredQuery.length + plan.input.requiredHeaders.length;
}

function selectorText(selectors: S3OperationPlan['selectors']): string {
  return selectors
    .map(([k, v]) => (v === undefined ? k : `${k}=${v}`))
    .sort()
    .join('&');
}

/** Percent-decoding of a path (`+` stays a plus); null when the encoding or the UTF-8 is broken. */
function decodePath(segment: string): string | null {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
