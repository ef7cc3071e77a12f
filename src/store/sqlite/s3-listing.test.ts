// Listing a large bucket must cost a page, not the bucket: every listing query seeks an index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucket, object } from '../contract/s3-fixtures.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

const KEYS = 100_000;
let store: SqliteStore;

beforeAll(async () => {
  store = openSqliteStore({ dataDir: ':memory:' });
  await store.transaction(async (tx) => {
    await tx.createBucket(bucket('big'));
    await tx.createBucket(bucket('neighbour'));
    for (let i = 0; i < KEYS; i++) {
      const key = `dir${i % 10}/file-${String(i).padStart(6, '0')}`;
      await tx.putObject(object('big', key, { versionId: `v${i}` }));
      if (i % 2 === 0) await tx.putObject(object('neighbour', key));
    }
  });
}, 60_000);
afterAll(() => store.close());

/** The best of a few runs, in ms: the figure without a GC pause or a cold statement cache. */
async function bestOf(run: () => Promise<unknown[]>, expected: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 10; k++) {
    const start = performance.now();
    expect(await run()).toHaveLength(expected);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe(`listing a bucket of ${KEYS} keys`, () => {
  it('seeks to any point of the key space: a page of 10 costs a fraction of a millisecond', async () => {
    const timings = {
      first: await bestOf(() => store.listObjects('big', { limit: 10 }), 10),
      marker: await bestOf(() => store.listObjects('big', { after: 'dir7/file-099997', limit: 10 }), 10),
      prefix: await bestOf(() => store.listObjects('big', { prefix: 'dir9/file-0999', limit: 100 }), 10),
      versions: await bestOf(
        () => store.listObjectVersions('big', { prefix: 'dir3/', keyMarker: 'dir3/file-099983', limit: 10 }),
        1,
      ),
    };
    // Measured 0.2-0.4 ms; scanning up to the 100,000th row instead (an index missed) takes 5 ms or more.
    for (const [name, ms] of Object.entries(timings)) expect(ms, name).toBeLessThan(2);
  });

  it('reads a page of 1,000 in milliseconds', async () => {
    const pages = {
      first: await bestOf(() => store.listObjects('big', { limit: 1000 }), 1000),
      marker: await bestOf(() => store.listObjects('big', { after: 'dir7/file-050007', limit: 1000 }), 1000),
      prefix: await bestOf(
        () => store.listObjects('big', { prefix: 'dir9/', after: 'dir9/file-090009', limit: 1000 }),
        999,
      ),
      versions: await bestOf(
        () =>
          store.listObjectVersions('big', { prefix: 'dir3/', keyMarker: 'dir3/file-050003', limit: 1000 }),
        1000,
      ),
    };
    // Measured 9-25 ms on a shared 2-core machine: the cost is turning rows into records.
    for (const [name, ms] of Object.entries(pages)) expect(ms, name).toBeLessThan(100);
  });
});
