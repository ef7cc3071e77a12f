// The AWS SDK v3 as an oracle, without a network: a request handler that records what the SDK would send
// and answers with whatever body a test sets.
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { QueryHttpRequest } from './parse.js';
import type { SerializedResponse } from './serialize.js';

export interface SdkOracle {
  iam: IAMClient;
  sts: STSClient;
  /** The last request an SDK client sent, in the form the parser reads. */
  lastRequest(): QueryHttpRequest;
  /** What the next request is answered with. */
  respondWith(response: SerializedResponse): void;
}

interface SmithyRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  query?: Record<string, string | string[] | null>;
}

export function createSdkOracle(): SdkOracle {
  let last: SmithyRequest | undefined;
  let next: SerializedResponse = { status: 200, headers: {}, body: '' };
  const requestHandler = {
    handle: async (request: SmithyRequest) => {
      last = request;
      const body = new TextEncoder().encode(next.body);
      return { response: { statusCode: next.status, headers: next.headers, body } };
    },
  };
  const config = {
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    credentials: {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
    maxAttempts: 1,
    requestHandler: requestHandler as never,
  };
  return {
    iam: new IAMClient(config),
    sts: new STSClient(config),
    lastRequest() {
      if (!last) throw new Error('no request was sent');
      const contentType = Object.entries(last.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(last.query ?? {})) {
        for (const item of Array.isArray(v) ? v : [v ?? '']) query.append(k, item);
      }
      return { method: last.method, contentType, body: last.body ?? '', query: query.toString() };
    },
    respondWith(response) {
      next = response;
    },
  };
}
