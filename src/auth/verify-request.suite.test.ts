// The official SigV4 test suite (awslabs/aws-c-auth, tests/aws-signing-test-suite/v4): every
// signed request must verify, its canonical request must be the suite's, and a changed signature
// or secret must fail. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SignedRequest } from './signed-request.js';
import { lookupOf, userKey } from './test-fixture.js';
import { verifyRequest } from './verify-request.js';

const SUITE = join(import.meta.dirname, 'fixtures', 'aws-sig-v4-test-suite');

interface Context {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  /** The token is added after signing (an AWS IoT variant): not part of the canonical request. */
  omit_session_token?: boolean;
  normalize: boolean;
  service: string;
  region: string;
  timestamp: string;
}

/** An HTTP/1.1 request as the suite writes it, turned into what node:http hands the server. */
function parseRequestText(text: string): SignedRequest {
  const [head = '', ...rest] = text.split('\n\n');
  const lines = head.split('\n');
  const requestLine = lines.shift() ?? '';
  // The target may contain spaces (get-space-*): method first, HTTP version last.
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' '));
  const headers: Record<string, string[]> = {};
  let last: string[] | undefined;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      // A folded line continues the previous value (get-header-value-multiline).
      last[last.length - 1] += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    headers[name] ??= [];
    last = headers[name];
    last.push(line.slice(colon + 1));
  }
  const body = rest.join('\n\n');
  const q = target.indexOf('?');
  return {
    method,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    headers,
    bodySha256: createHash('sha256').update(body).digest('hex'),
  };
}

const cases = readdirSync(SUITE, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('aws-sig-v4-test-suite', () => {
  it('has the suite', () => {
    expect(cases.length).toBeGreaterThanOrEqual(37);
  });

  for (const name of cases) {
    const dir = join(SUITE, name);
    const context = JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8')) as Context;
    const now = new Date(context.timestamp);
    const key = userKey({
      accessKeyId: context.credentials.access_key_id,
      secretAccessKey: context.credentials.secret_access_key,
      sessionToken: context.credentials.token,
    });
    const options = { pathRule: context.normalize ? ('normalized' as const) : ('s3' as const) };

    for (const form of ['header', 'query'] as const) {
      const request = parseRequestText(readFileSync(join(dir, `${form}-signed-request.txt`), 'utf8'));

      if (form === 'query' && context.omit_session_token) {
        // A presigned URL whose X-Amz-Security-Token was appended after signing is the AWS IoT
        // variant; S3, IAM and STS sign every query parameter but X-Amz-Signature.
        it(`${name} (${form}) is refused: the token must be signed`, () => {
          expect(verifyRequest(request, lookupOf(key), now, options)).toMatchObject({
            kind: 'SignatureDoesNotMatch',
          });
        });
        continue;
      }

      it(`${name} (${form}) verifies`, () => {
        const result = verifyRequest(request, lookupOf(key), now, options);
        expect(result).toMatchObject({
          outcome: 'verified',
          service: context.service,
          region: context.region,
        });
      });

      it(`${name} (${form}) fails with another secret`, () => {
        const other = { ...key, secretAccessKey: `${key.secretAccessKey}x` };
        expect(verifyRequest(request, lookupOf(other), now, options)).toMatchObject({
          kind: 'SignatureDoesNotMatch',
        });
      });
    }

    it(`${name}: a changed signature fails and shows the suite's canonical request`, () => {
      const request = parseRequestText(readFileSync(join(dir, 'header-signed-request.txt'), 'utf8'));
      const authorization = String(request.headers.authorization);
      const last = authorization.at(-1) === '0' ? '1' : '0';
      const tampered = {
        ...request,
        headers: { ...request.headers, authorization: authorization.slice(0, -1) + last },
      };
      const result = verifyRequest(tampered, lookupOf(key), now, options);
      expect(result).toMatchObject({
        kind: 'SignatureDoesNotMatch',
        canonicalRequest: readFileSync(join(dir, 'header-canonical-request.txt'), 'utf8'),
      });
    });
  }
});
