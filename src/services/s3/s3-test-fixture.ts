// A real SQLite store in memory with the tutorial's two accounts, and a way to call S3 handlers as the
// pipeline does: the caller resolved, the named bucket read into ctx.bucket. Used by the tests beside
// this file.
import { canonicalUserId, rootArn } from '../../arn/index.js';
import { openBodyStore } from '../../store/open-body-store.js';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import type { Store } from '../../store/store.js';
import { ANONYMOUS_CALLER } from '../anonymous-caller.js';
import type { Caller } from '../handler-context.js';
import { DEVELOPMENT, NOW, PRODUCTION } from '../iam/iam-test-fixture.js';
import type { S3Handler, S3HandlerContext } from './s3-context.js';

export { awsFailure, DEVELOPMENT, NOW, PRODUCTION } from '../iam/iam-test-fixture.js';

export const PRODUCTION_ID = canonicalUserId(PRODUCTION);
export const DEVELOPMENT_ID = canonicalUserId(DEVELOPMENT);

export interface CallOptions {
  /** The signing account's root user (default PRODUCTION); '' for an anonymous request. */
  account?: string;
  /** The region the request was signed for (default us-east-1). */
  region?: string;
}

export interface S3Fixture {
  store: Store;
  call<I, O>(handler: S3Handler<I, O>, input: I, options?: CallOptions): Promise<O>;
  close(): Promise<void>;
}

export async function openS3Fixture(): Promise<S3Fixture> {
  const store = openSqliteStore({ dataDir: ':memory:' });
  const bodies = openBodyStore(':memory:', store);
  await store.transaction(async (tx) => {
    for (const [id, alias] of [
      [PRODUCTION, 'production'],
      [DEVELOPMENT, 'development'],
    ] as const) {
      await tx.putAccount({ id, alias, rootEmail: `root@${alias}.example`, createDate: NOW.getTime() });
    }
  });
  return {
    store,
    async call(handler, input, options = {}) {
      const name = (input as { Bucket?: string }).Bucket;
      const ctx: S3HandlerContext = {
        caller: rootCaller(options.account ?? PRODUCTION),
        store,
        now: NOW,
        requestId: 'test-request',
        region: options.region ?? 'us-east-1',
        bodies,
        bucket: name === undefined ? undefined : await store.getBucket(name),
        payloadDigests: () => ({}),
        trailingChecksums: [],
        authorizeEach: async () => true,
      };
      return handler(input, ctx);
    },
    close: async () => {
      await store.close();
      await bodies.close();
    },
  };
}

function rootCaller(account: string): Caller {
  if (account === '') return ANONYMOUS_CALLER;
  return {
    facts: { type: 'Account', arn: rootArn(account), account },
    account,
    accessKeyId: 'AKIAROOTTESTKEY00001',
    principalId: account,
  };
}
