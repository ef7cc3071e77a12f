import type { Database } from 'better-sqlite3';
import type { Tag } from '../records.js';
import type { AccessControlList, BucketRecord, PublicAccessBlock } from '../s3-records.js';
import type { StoreTx } from '../store.js';
import { opt, readJson, writeJson } from './rows.js';
import { guardWrite, noSuchEntity } from './sqlite-errors.js';

type BucketOps = Pick<
  StoreTx,
  | 'getBucket'
  | 'listBuckets'
  | 'getAccountPublicAccessBlock'
  | 'createBucket'
  | 'updateBucket'
  | 'deleteBucket'
  | 'setAccountPublicAccessBlock'
>;

export function makeBucketOps(db: Database): BucketOps {
  const byName = db.prepare<[string], BucketRow>('SELECT * FROM buckets WHERE name = ?');
  const byAccount = db.prepare<[string], BucketRow>(
    'SELECT * FROM buckets WHERE account_id = ? ORDER BY name',
  );
  const insert =
    db.prepare(`INSERT INTO buckets (name, account_id, region, create_date, ownership, acl, policy,
      public_access_block, tags, versioning, cors)
    VALUES ($name, $accountId, $region, $createDate, $ownership, $acl, $policy, $publicAccessBlock, $tags,
      $versioning, $cors)`);
  const update = db.prepare(`UPDATE buckets SET ownership = $ownership, acl = $acl, policy = $policy,
      public_access_block = $publicAccessBlock, tags = $tags, versioning = $versioning, cors = $cors
    WHERE name = $name`);
  const remove = db.prepare<[string]>('DELETE FROM buckets WHERE name = ?');
  const accountBlock = db.prepare<[string], { block: string }>(
    'SELECT block FROM account_public_access_blocks WHERE account_id = ?',
  );
  const putAccountBlock = db.prepare<[string, string]>(
    `INSERT INTO account_public_access_blocks (account_id, block) VALUES (?, ?)
     ON CONFLICT (account_id) DO UPDATE SET block = excluded.block`,
  );
  const removeAccountBlock = db.prepare<[string]>(
    'DELETE FROM account_public_access_blocks WHERE account_id = ?',
  );

  const find = (name: string): BucketRecord => {
    const row = byName.get(name);
    if (!row) throw noSuchEntity(`bucket ${name}`);
    return toBucket(row);
  };

  return {
    async getBucket(name) {
      const row = byName.get(name);
      return row && toBucket(row);
    },
    async listBuckets(accountId) {
      return byAccount.all(accountId).map(toBucket);
    },
    async getAccountPublicAccessBlock(accountId) {
      return readJson<PublicAccessBlock>(accountBlock.get(accountId)?.block ?? null);
    },
    async createBucket(bucket) {
      guardWrite(`bucket ${bucket.name}`, () => insert.run(bucketParams(bucket)));
    },
    async updateBucket(name, patch) {
      // Spread keeps a key set to undefined, which bucketParams writes as NULL: the patch removes it.
      update.run(bucketParams({ ...find(name), ...patch }));
      return find(name);
    },
    async deleteBucket(name) {
      find(name);
      guardWrite(`bucket ${name}`, () => remove.run(name), 'DeleteConflict');
    },
    async setAccountPublicAccessBlock(accountId, block) {
      if (block) putAccountBlock.run(accountId, JSON.stringify(block));
      else removeAccountBlock.run(accountId);
    },
  };
}

interface BucketRow {
  name: string;
  account_id: string;
  region: string;
  create_date: number;
  ownership: string | null;
  acl: string;
  policy: string | null;
  public_access_block: string | null;
  tags: string | null;
  versioning: string | null;
  cors: string | null;
}

function toBucket(row: BucketRow): BucketRecord {
  return {
    name: row.name,
    accountId: row.account_id,
    region: row.region,
    createDate: row.create_date,
    ownership: opt(row.ownership) as BucketRecord['ownership'],
    acl: readJson<AccessControlList>(row.acl),
    policy: opt(row.policy),
    publicAccessBlock: readJson<PublicAccessBlock>(row.public_access_block),
    tags: readJson<Tag[]>(row.tags),
    versioning: opt(row.versioning) as BucketRecord['versioning'],
    cors: opt(row.cors),
  };
}

function bucketParams(bucket: BucketRecord) {
  return {
    name: bucket.name,
    accountId: bucket.accountId,
    region: bucket.region,
    createDate: bucket.createDate,
    ownership: bucket.ownership ?? null,
    acl: JSON.stringify(bucket.acl),
    policy: bucket.policy ?? null,
    publicAccessBlock: writeJson(bucket.publicAccessBlock),
    tags: writeJson(bucket.tags),
    versioning: bucket.versioning ?? null,
    cors: bucket.cors ?? null,
  };
}
