import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWildcard } from './wildcard.js';

// Wildcards in Action/Resource/StringLike: `*` any run of characters, `?` exactly one.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String

// Reference: textbook dynamic programming over (pattern prefix, text prefix).
function referenceMatch(pattern: string, text: string): boolean {
  const p = [...pattern];
  const s = [...text];
  let row = new Array<boolean>(s.length + 1).fill(false);
  row[0] = true;
  for (const c of p) {
    const next = new Array<boolean>(s.length + 1).fill(false);
    next[0] = c === '*' && (row[0] as boolean);
    for (let j = 1; j <= s.length; j++) {
      if (c === '*') next[j] = (row[j] as boolean) || (next[j - 1] as boolean);
      else next[j] = (row[j - 1] as boolean) && (c === '?' || c === s[j - 1]);
    }
    row = next;
  }
  return row[s.length] as boolean;
}

describe('compileWildcard', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything at all', true],
    ['', '', true],
    ['', 'a', false],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['a*', 'a', true],
    ['a*', 'ab/c:d', true],
    ['a*', 'ba', false],
    ['*c', 'abc', true],
    ['*c', 'cb', false],
    ['a*c', 'ac', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbcd', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a?c', 'abbc', false],
    ['??', 'ab', true],
    ['*?', '', false],
    ['a**b', 'ab', true],
    ['*a*b*', 'xxaxxbxx', true],
    ['*a*b*', 'xxbxxaxx', false],
  ])('%j matches %j: %s', (pattern, text, expected) => {
    expect(compileWildcard(pattern, false)(text)).toBe(expected);
  });

  it('is case-sensitive unless asked otherwise', () => {
    expect(compileWildcard('s3:Get*', false)('s3:getobject')).toBe(false);
    expect(compileWildcard('s3:Get*', true)('S3:GETOBJECT')).toBe(true);
    expect(compileWildcard('S3:GetObject', true)('s3:getobject')).toBe(true);
    expect(compileWildcard('s3:?et*', true)('S3:PutObject')).toBe(false);
  });

  it('treats every other character literally (no regular-expression syntax)', () => {
    expect(compileWildcard('a.c', false)('abc')).toBe(false);
    expect(compileWildcard('a.c', false)('a.c')).toBe(true);
    expect(compileWildcard('(a|b)+[x]^$\\d', false)('(a|b)+[x]^$\\d')).toBe(true);
    expect(compileWildcard('a+', false)('aa')).toBe(false);
  });

  it('counts a character outside the basic plane as one character for `?`', () => {
    expect(compileWildcard('a?c', false)('a😀c')).toBe(true);
    expect(compileWildcard('a??c', false)('a😀c')).toBe(false);
    expect(compileWildcard('*?', false)('😀')).toBe(true);
  });

  it('agrees with a reference matcher on random short strings over {a,b,*,?}', () => {
    const word = fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 9 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(word, word, (pattern, text) => {
        expect(compileWildcard(pattern, false)(text)).toBe(referenceMatch(pattern, text));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with the reference when ignoring case', () => {
    const word = fc.array(fc.constantFrom('a', 'B', '*', '?'), { maxLength: 8 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(word, word, (pattern, text) => {
        const expected = referenceMatch(pattern.toLowerCase(), text.toLowerCase());
        expect(compileWildcard(pattern, true)(text)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('finishes adversarial patterns quickly (no catastrophic backtracking)', () => {
    const text = 'a'.repeat(10_000);
    const cases: [string, string][] = [
      ['*a*a*a*a*a*a*b', text],
      ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', text],
      [`*${'a'.repeat(50)}b`, text],
      [`${'?*'.repeat(30)}b`, text],
    ];
    const started = performance.now();
    for (const [pattern, input] of cases) expect(compileWildcard(pattern, false)(input)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
