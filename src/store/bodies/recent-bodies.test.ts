import { describe, expect, it } from 'vitest';
import { RecentBodies } from './recent-bodies.js';

const bytes = (n: number) => Buffer.alloc(n, 1);

describe('RecentBodies', () => {
  it('keeps bodies within its budget, the least recently used out first', () => {
    const recent = new RecentBodies(10);
    recent.keep('a', bytes(4));
    recent.keep('b', bytes(4));
    expect(recent.get('a')).toEqual(bytes(4)); // a is now the most recent
    recent.keep('c', bytes(4)); // 12 > 10: b goes
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('a')).toBeDefined();
    expect(recent.get('c')).toBeDefined();
  });

  it('never keeps a body larger than the budget, and forgets dropped ones', () => {
    const recent = new RecentBodies(10);
    recent.keep('huge', bytes(11));
    expect(recent.get('huge')).toBeUndefined();
    recent.keep('a', bytes(6));
    recent.drop(['a', 'never-kept']);
    expect(recent.get('a')).toBeUndefined();
    // The dropped bytes no longer count against the budget.
    recent.keep('b', bytes(10));
    expect(recent.get('b')).toBeDefined();
  });
});
