// Property: whatever path, query, headers and body the AWS SDK's signer (@smithy/signature-v4)
// signs, verifyRequest accepts it; and any single change to what was signed is refused.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SignedRequest } from './signed-request.js';
import {
  escapeUri,
  lookupOf,
  type SdkRequest,
  smithySigner,
  toSignedRequest,
  userKey,
} from './test-fixture.js';
import { verifyRequest } from './verify-request.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const lookup = lookupOf(userKey());

// Characters that exercise every branch of SigV4's encoding: unreserved, reserved, %, +, space,
// multi-byte UTF-8 (including astral), and the dot segments S3 must not normalise.
const CHARS = [
  'a',
  'Z',
  '0',
  '-',
  '_',
  '.',
  '~',
  ' ',
  '+',
  '!',
  '*',
  "'",
  '(',
  ')',
  '%',
  '=',
  '&',
  ':',
  '@',
  ',',
  ';',
  '$',
  'ü',
  'ሴ',
  '😀',
];
const text = (minLength: number) => fc.string({ unit: fc.constantFrom(...CHARS), minLength, maxLength: 8 });
const segment = fc.oneof(text(0), fc.constantFrom('.', '..'));

const requestArb = fc.record({
  service: fc.constantFrom('s3', 'iam', 'sts'),
  region: fc.constantFrom('us-east-1', '', 'eu-west-3'),
  method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE'),
  segments: fc.array(segment, { maxLength: 4 }),
  trailingSlash: fc.boolean(),
  query: fc.dictionary(text(1), text(0), { maxKeys: 4 }),
  headers: fc.dictionary(fc.stringMatching(/^x-test-[a-z0-9]{1,6}$/), fc.stringMatching(/^[ -~]{0,12}$/), {
    maxKeys: 3,
  }),
  body: fc.string({ maxLength: 40 }),
});

type Input = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

async function signInput(input: Input): Promise<SignedRequest> {
  const path = `/${input.segments.map(escapeUri).join('/')}${input.trailingSlash && input.segments.length > 0 ? '/' : ''}`;
  const headers: Record<string, string> = { host: 'localhost:4599', ...input.headers };
  const request: SdkRequest = {
    method: input.method,
    hostname: 'localhost',
    path,
    query: input.query,
    headers,
    body: input.body,
  };
  const signed = await smithySigner(input.service, input.region).sign(
    { ...request, protocol: 'http:' },
    { signingDate: NOW },
  );
  return toSignedRequest({ ...request, headers: signed.headers });
}

const MUTATIONS: Record<string, (r: SignedRequest) => SignedRequest> = {
  method: (r) => ({ ...r, method: r.method === 'GET' ? 'HEAD' : 'GET' }),
  path: (r) => ({ ...r, path: `${r.path}x` }),
  query: (r) => ({ ...r, query: r.query === '' ? 'zz=1' : `${r.query}x` }),
  'added query parameter': (r) => ({ ...r, query: r.query === '' ? 'zz=' : `${r.query}&zz=` }),
  header: (r) => {
    const name = Object.keys(r.headers).find((n) => n.startsWith('x-test-')) ?? 'host';
    return { ...r, headers: { ...r.headers, [name]: `${r.headers[name]}x` } };
  },
  date: (r) => ({ ...r, headers: { ...r.headers, 'x-amz-date': '20261123T120001Z' } }),
  signature: (r) => {
    const auth = String(r.headers.authorization);
    return {
      ...r,
      headers: { ...r.headers, authorization: auth.slice(0, -1) + (auth.endsWith('0') ? '1' : '0') },
    };
  },
};

describe('verifyRequest, property-based against @smithy/signature-v4', () => {
  it('accepts every request the SDK signs', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async (input) => {
        const request = await signInput(input);
        const result = verifyRequest(request, lookup, NOW);
        expect(result).toMatchObject({ outcome: 'verified', service: input.service, region: input.region });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses the request after any single change', async () => {
    await fc.assert(
      fc.asyncProperty(
        requestArb,
        fc.constantFrom(...Object.keys(MUTATIONS), 'body', 'secret'),
        async (input, what) => {
          const request = await signInput(input);
          let result: ReturnType<typeof verifyRequest>;
          if (what === 'secret') {
            result = verifyRequest(request, lookupOf(userKey({ secretAccessKey: 'another-secret' })), NOW);
          } else if (what === 'body') {
            const other = createHash('sha256').update(`${input.body}x`).digest('hex');
            result = verifyRequest({ ...request, bodySha256: other }, lookup, NOW);
          } else {
            result = verifyRequest((MUTATIONS[what] ?? ((r) => r))(request), lookup, NOW);
          }
          expect(result.outcome).toBe('failed');
        },
      ),
      { numRuns: 300 },
    );
  });
});
