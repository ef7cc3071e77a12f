import { describe, expect, it } from 'vitest';
import { javaRegexToJs } from './java-regex.js';
import { loadModel } from './load-model.js';

// Java regex syntax and semantics: https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html
// AWS tests model patterns with Matcher.matches(): the whole value must match.

function regex(pattern: string): RegExp {
  const result = javaRegexToJs(pattern);
  if (!result.ok) throw new Error(result.reason);
  return result.regex;
}

describe('javaRegexToJs', () => {
  it('matches the whole value, as matches() does', () => {
    const sessionName = regex('[\\w+=,.@-]*');
    expect(sessionName.test('david@example.com')).toBe(true);
    expect(sessionName.test('')).toBe(true);
    expect(sessionName.test('bad/name')).toBe(false);
    const path = regex('(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)');
    expect(['/', '/a/b/'].map((v) => path.test(v))).toEqual([true, true]);
    expect(['/a', 'a/', '//x'].map((v) => path.test(v))).toEqual([false, false, false]);
  });

  it('\\w and \\d are ASCII only, as in Java without UNICODE_CHARACTER_CLASS', () => {
    expect(regex('[\\w+=,.@-]+').test('é')).toBe(false);
    expect(regex('[\\d]+').test('٣')).toBe(false);
  });

  it('\\s is Java’s ASCII whitespace, not JavaScript’s Unicode one', () => {
    const s = regex('\\s+');
    expect(s.test(' \t\n\u000B\f\r')).toBe(true);
    expect(s.test('\u00A0')).toBe(false);
    expect(regex('[\\s]+').test('\u2003')).toBe(false);
  });

  it('\\uhhhh takes exactly four digits, so \\u10000 is \\u1000 then 0', () => {
    const stsArn = regex(
      '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+',
    );
    expect(stsArn.test('arn:aws:iam::999999999999:role/é')).toBe(true);
    expect(stsArn.test('😀')).toBe(false); // AWS rejects supplementary characters in a RoleArn
    expect(stsArn.test('\u0080')).toBe(true); // inside the `0-\u10FF` range Java reads
    expect(stsArn.test('\u0001')).toBe(false);
  });

  it('Unicode categories such as \\p{L}, \\p{Z} and \\p{N}', () => {
    const tagKey = regex('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+');
    expect(tagKey.test('Département 1 日本 ٣')).toBe(true);
    expect(tagKey.test('bad*key')).toBe(false);
    expect(regex('\\p{IsL}+').test('abc')).toBe(true);
    expect(regex('\\p{Alpha}+').test('abc')).toBe(true);
    expect(regex('\\p{Alpha}+').test('é')).toBe(false);
  });

  it('escapes Java allows and a `u` regex does not (\\: \\@ \\/)', () => {
    const r = regex('[\\w+=,.@\\:-]*');
    expect(r.test('a:b')).toBe(true);
    expect(r.test('a;b')).toBe(false);
    expect(regex('a\\@b\\/c').test('a@b/c')).toBe(true);
  });

  it('quantifiers: repetition, lazy, possessive read as greedy; lookahead', () => {
    expect(regex('o-[a-z0-9]{10,32}').test('o-abcdefghij')).toBe(true);
    expect(regex('a*?b').test('aab')).toBe(true);
    expect(regex('a*+b').test('aab')).toBe(true);
    const bucketish = regex('^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$');
    expect(bucketish.test('my-bucket')).toBe(true);
    expect(bucketish.test('my--bucket')).toBe(false);
  });

  it('literal quoting, octal and a literal ] at the start of a class', () => {
    expect(regex('\\Q*.*\\E').test('*.*')).toBe(true);
    expect(regex('\\0101').test('A')).toBe(true);
    expect(regex('[]a]+').test(']a')).toBe(true);
  });

  it('reports what it cannot convert instead of throwing', () => {
    for (const bad of ['[a', '\\', '\\k<x>', '(?>a)', '[a&&b]', '[[a]]', 'a{x}', '(']) {
      expect(javaRegexToJs(bad).ok).toBe(false);
    }
  });

  it('converts every pattern in the vendored models', () => {
    let count = 0;
    for (const service of ['iam', 'sts', 's3'] as const) {
      for (const shape of loadModel(service).shapes.values()) {
        if (shape.type === 'string' && shape.pattern) {
          expect(shape.pattern.regex.flags).toBe('u');
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(60);
  });
});
