import { describe, expect, it } from 'vitest';
import { compareUtf8, keyRange } from './key-range.js';

describe('keyRange', () => {
  it('bounds a prefix by its last code point plus one, skipping surrogates and carrying past U+10FFFF', () => {
    expect(keyRange('a/', undefined)).toEqual({ from: 'a/', end: 'a0' });
    expect(keyRange('é', undefined)).toEqual({ from: 'é', end: 'ê' });
    expect(keyRange('😀', undefined)).toEqual({ from: '😀', end: '😁' });
    expect(keyRange('\uD7FF', undefined).end).toBe('\uE000');
    expect(keyRange('a\u{10FFFF}', undefined).end).toBe('b');
    expect(keyRange('\u{10FFFF}', undefined)).toEqual({ from: '\u{10FFFF}' });
    expect(keyRange('', undefined)).toEqual({ from: '' });
  });

  it('starts just above a marker past the prefix, else at the prefix', () => {
    expect(keyRange('a/', 'a/b')).toEqual({ from: 'a/b\u0000', end: 'a0' });
    expect(keyRange('a/', 'A')).toEqual({ from: 'a/', end: 'a0' });
    expect(keyRange('', 'k')).toEqual({ from: 'k\u0000' });
  });

  it('compares as UTF-8 bytes, not UTF-16 code units', () => {
    expect('😀' < '～').toBe(true);
    expect(compareUtf8('😀', '～')).toBeGreaterThan(0);
    expect(compareUtf8('a-b', 'a/b')).toBeLessThan(0);
  });
});
