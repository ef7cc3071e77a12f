import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../catalogue/load-catalogue.js';
import { locAt } from '../parse/locate.js';
import { parsePolicy } from '../parse/parse-policy.js';
import type { Finding } from '../types.js';
import { lintPolicy } from './lint-policy.js';
import type { PolicyKind } from './policy-kind.js';

// Property tests (STYLE.md): parse and validate never throw, and every finding points into the text.

const catalogue = loadCatalogue();
const kinds: PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp'];

const VALID = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Read',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::111122223333:root'] },
        Action: ['s3:GetObject', 's3:List*'],
        // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable or ARN template, not JS
        Resource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/${aws:username}/*'],
        Condition: { StringLike: { 's3:prefix': ['home/*'] }, Bool: { 'aws:SecureTransport': true } },
      },
      { Effect: 'Deny', NotAction: 'iam:*', NotResource: '*' },
    ],
  },
  null,
  2,
);

function expectLocated(text: string, findings: Finding[]): void {
  for (const finding of findings) {
    const { start, end } = finding.at;
    expect(start.offset).toBeGreaterThanOrEqual(0);
    expect(end.offset).toBeGreaterThanOrEqual(start.offset);
    expect(end.offset).toBeLessThanOrEqual(text.length);
    expect(start).toEqual(locAt(text, start.offset));
    expect(typeof finding.message).toBe('string');
  }
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string(),
      fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '*', '${', '\ufeff', '\r'),
    ),
  }),
);

function mutate(
  text: string,
  mutations: { kind: 'delete' | 'insert'; at: number; length?: number; text?: string }[],
) {
  let out = text;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    out =
      m.kind === 'delete'
        ? out.slice(0, at) + out.slice(at + (m.length ?? 1))
        : out.slice(0, at) + (m.text ?? '') + out.slice(at);
  }
  return out;
}

describe('parsePolicy / lintPolicy never throw', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.constantFrom(...kinds), (text, kind) => {
        expectLocated(text, parsePolicy(text).findings);
        expectLocated(text, lintPolicy(text, { kind, catalogue }));
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...kinds), (value, kind) => {
        const text = JSON.stringify(value);
        expectLocated(text, lintPolicy(text, { kind, catalogue }));
      }),
      { numRuns: 300 },
    );
  });

  it('on mutated valid policies', () => {
    fc.assert(
      fc.property(
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...kinds),
        (mutations, kind) => {
          const text = mutate(VALID, mutations);
          expectLocated(text, lintPolicy(text, { kind, catalogue }));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on valid policies whose values are replaced by arbitrary JSON', () => {
    const slots = ['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition', 'NotAction', 'Version'];
    fc.assert(
      fc.property(
        fc.constantFrom(...slots),
        fc.jsonValue(),
        fc.constantFrom(...kinds),
        (slot, value, kind) => {
          const policy = JSON.parse(VALID) as { Statement: Record<string, unknown>[]; [k: string]: unknown };
          if (slot === 'Version') policy.Version = value;
          else if (policy.Statement[0]) policy.Statement[0][slot] = value;
          const text = JSON.stringify(policy, null, 1);
          expectLocated(text, lintPolicy(text, { kind, catalogue }));
        },
      ),
      { numRuns: 400 },
    );
  });
});
