// Which service a request is for. AWS tells them apart by endpoint; trustlab serves all of them on one
// port, so it reads what the client shows: the credential scope's service when the request is signed,
// the bucket label of a virtual-hosted S3 host, and for unsigned requests the Query API's `Action`.
import { S3_CONTROL_PREFIX } from '../protocol/rest-xml/s3control.js';
import { claimedAccessKey } from './claimed-access-key.js';

export type ServiceRoute =
  | { service: 'iam' | 'sts' | 's3control' }
  | { service: 's3'; virtualBucket?: string };

export interface RouteFacts {
  host: string | undefined;
  authorization: string | undefined;
  /** The request target's path, without the query. */
  path: string;
  /** The raw query string. */
  query: string;
  method: string;
  contentType: string | undefined;
}

/**
 * `baseHosts` are the names S3 is reached at (e.g. `localhost`): `bucket.localhost:4577` names the
 * bucket in its host, as `bucket.s3.amazonaws.com` does on AWS.
 */
export function routeRequest(facts: RouteFacts, baseHosts: readonly string[]): ServiceRoute {
  const hostname = stripPort(facts.host ?? '').toLowerCase();
  const scoped = claimedAccessKey(facts.authorization, facts.query)?.service;
  if (scoped === 'iam' || scoped === 'sts') return { service: scoped };
  if (scoped === undefined && isQueryApiCall(facts)) {
    return { service: hostname.startsWith('iam.') ? 'iam' : 'sts' };
  }
  // S3 Control is signed for s3 too, at `{account}.` before the host: its paths tell it apart.
  if (facts.path.startsWith(S3_CONTROL_PREFIX)) return { service: 's3control' };
  const virtualBucket = bucketOfHost(hostname, baseHosts);
  // Anything else signed for another service still answers as S3 would; unsigned is anonymous S3.
  return virtualBucket ? { service: 's3', virtualBucket } : { service: 's3' };
}

/** An unsigned Query API request: an Action in the query or a form-encoded POST (S3's browser uploads are multipart). */
function isQueryApiCall(facts: RouteFacts): boolean {
  if (/(^|&)Action=/.test(facts.query)) return true;
  return (
    facts.method === 'POST' &&
    (facts.contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')
  );
}

function bucketOfHost(hostname: string, baseHosts: readonly string[]): string | undefined {
  for (const base of baseHosts) {
    if (hostname.length > base.length + 1 && hostname.endsWith(`.${base}`)) {
      return hostname.slice(0, -(base.length + 1));
    }
  }
  return undefined;
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}
