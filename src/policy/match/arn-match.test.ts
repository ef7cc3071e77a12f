import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../context.js';
import { arnLike, compileArnTemplate, fillArnBounds } from './arn-match.js';
import { parseTemplate } from './variables.js';

const ARN_OPS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN';
const RES_WILDCARDS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards';

// Reference matchers written as regular expressions straight from the documented rules.
function reference(pattern: string, value: string, mode: 'condition' | 'resource'): boolean {
  const parts = pattern.split(':');
  const segments = [...parts.slice(0, 5), parts.slice(5).join(':')];
  const source = segments
    .map((segment, i) =>
      [...segment]
        .map((c, k) => {
          if (c === '*') return i === 5 || (mode === 'resource' && k === segment.length - 1) ? '.*' : '[^:]*';
          if (c === '?') return i === 5 ? '.' : '[^:]';
          return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join(''),
    )
    .join(':');
  return new RegExp(`^${source}$`, 's').test(value);
}

describe(`arnLike (${ARN_OPS})`, () => {
  it('matches each colon-separated part on its own: the someservice example', () => {
    const pattern = 'arn:aws:someservice:*:111122223333:finance/*';
    const value = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
    expect(arnLike(pattern, value)).toBe(false);
    expect(arnLike(pattern, 'arn:aws:someservice:us-east-2:111122223333:finance/document.txt')).toBe(true);
  });

  it('is case-sensitive and takes wildcards in every part (ArnEquals behaves like ArnLike)', () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:my-topic';
    expect(arnLike('arn:aws:sns:us-east-1:123456789012:my-topic', topic)).toBe(true);
    expect(arnLike('arn:aws:sns:us-east-1:123456789012:My-Topic', topic)).toBe(false);
    expect(arnLike('arn:*:sns:*:123456789012:*', topic)).toBe(true);
    expect(arnLike('arn:aws:sns:us-east-?:*:my-*', topic)).toBe(true);
    expect(arnLike('arn:aws:sns:us-east-?:*:other-*', topic)).toBe(false);
  });

  it('does not match a value that is not an ARN', () => {
    expect(arnLike('arn:aws:sns:*:*:*', 'my-topic')).toBe(false);
    expect(arnLike('arn:aws:sns:*:*:*', 'arn:aws:sns:us-east-1')).toBe(false);
  });

  it('treats a pattern that is not an ARN as a plain wildcard', () => {
    expect(arnLike('*', 'arn:aws:sns:us-east-1:123456789012:my-topic')).toBe(true);
    expect(arnLike('*', 'anything')).toBe(true);
  });

  it('agrees with the documented per-part rule on random patterns', () => {
    const segment = fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 3 }).map((cs) => cs.join(''));
    const valueSegment = fc.array(fc.constantFrom('a', 'b', ':'), { maxLength: 4 }).map((cs) => cs.join(''));
    const pattern = fc.array(segment, { minLength: 5, maxLength: 6 }).map((s) => ['arn', ...s].join(':'));
    const value = fc.array(valueSegment, { minLength: 5, maxLength: 6 }).map((s) => ['arn', ...s].join(':'));
    fc.assert(
      fc.property(pattern, value, (p, v) => {
        expect(arnLike(p, v)).toBe(reference(p, v, 'condition'));
      }),
      { numRuns: 3000 },
    );
  });
});

describe(`resource mode (${RES_WILDCARDS})`, () => {
  it('agrees with the documented rule (a segment-final `*` crosses colons) on random patterns', () => {
    const segment = fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 3 }).map((cs) => cs.join(''));
    const valueSegment = fc.array(fc.constantFrom('a', 'b', ':'), { maxLength: 4 }).map((cs) => cs.join(''));
    const pattern = fc.array(segment, { minLength: 5, maxLength: 6 }).map((s) => ['arn', ...s].join(':'));
    const value = fc.array(valueSegment, { minLength: 5, maxLength: 6 }).map((s) => ['arn', ...s].join(':'));
    const none = buildContext({});
    fc.assert(
      fc.property(pattern, value, (p, v) => {
        const match = compileArnTemplate(parseTemplate(p, '2012-10-17'), 'resource');
        expect(match(v, none)).toBe(reference(p, v, 'resource'));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('fillArnBounds', () => {
  it('finds the five separating colons', () => {
    const bounds = new Int32Array(7);
    expect(fillArnBounds('arn:aws:s3:::b/k:x', bounds)).toBe(true);
    expect([...bounds]).toEqual([0, 3, 7, 10, 11, 12, 18]);
    expect(fillArnBounds('arn:aws:s3::', bounds)).toBe(false);
    expect(fillArnBounds('ARN:aws:s3:::b', bounds)).toBe(false);
  });
});

describe('literal fast paths', () => {
  const none = buildContext({});
  const matches = (p: string, v: string) =>
    compileArnTemplate(parseTemplate(p, '2012-10-17'), 'resource')(v, none);
  it('treat a final `?` as one character, not as a prefix', () => {
    expect(matches('arn:aws:s3:::bucket/a?', 'arn:aws:s3:::bucket/ab')).toBe(true);
    expect(matches('arn:aws:s3:::bucket/a?', 'arn:aws:s3:::bucket/abc')).toBe(false);
    expect(matches('arn:aws:s3:::bucket/a?', 'arn:aws:s3:::bucket/a')).toBe(false);
  });
  it('match a final `*` after the fifth colon as a prefix', () => {
    expect(matches('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b:c')).toBe(true);
    expect(matches('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket')).toBe(false);
  });
});
