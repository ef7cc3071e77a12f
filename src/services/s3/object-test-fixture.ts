// The S3 fixture (a real SQLite store, a real file body store) with what object tests need beside it:
// buckets made through the bucket handlers, bodies as streams, the signature's digests and per-key
// authorization as the pipeline would pass them, and the whole AwsError of a failure.
import { Readable } from 'node:stream';
import { AwsError } from '../../protocol/errors.js';
import { isInlineBodyId } from '../../store/bodies/body-ids.js';
import type { BodyStore, ExpectedDigests } from '../../store/bodies/body-store.js';
import type { ObjectOwnership, VersioningStatus } from '../../store/s3-records.js';
import { createBucket } from './buckets.js';
import { putBucketOwnershipControls } from './ownership-controls.js';
import { deletePublicAccessBlock } from './public-access-block.js';
import type { S3Handler } from './s3-context.js';
import { type CallOptions, openS3Fixture, type S3Fixture } from './s3-test-fixture.js';
import { putBucketVersioning } from './versioning.js';

export * from './s3-test-fixture.js';

export interface ObjectCallOptions extends CallOptions {
  /** What the signature promised about the body (the server's payloadDigests). */
  payload?: ExpectedDigests;
  /** Answers DeleteObjects' per-key authorization (default: allowed). */
  allow?: (action: string, resource: string) => boolean;
}

export interface ObjectFixture extends S3Fixture {
  call<I, O>(handler: S3Handler<I, O>, input: I, options?: ObjectCallOptions): Promise<O>;
  /** The body store handlers write to. */
  bodies(): Promise<BodyStore>;
  /** Whether a body's bytes are still stored (an inline row, or a file). */
  bodyKept(id: string): Promise<boolean>;
  /** A bucket of PRODUCTION (or `account`) with the given versioning and ownership. */
  bucket(
    name: string,
    options?: {
      versioning?: VersioningStatus;
      ownership?: ObjectOwnership;
      account?: string;
      publicAcls?: boolean;
    },
  ): Promise<void>;
}

export async function openObjectFixture(): Promise<ObjectFixture> {
  const base = await openS3Fixture();
  const fixture: ObjectFixture = {
    ...base,
    call(handler, input, options = {}) {
      const { payload, allow } = options;
      return base.call(
        (i, ctx) =>
          handler(i, {
            ...ctx,
            ...(payload && { payloadDigests: () => payload }),
            ...(allow && { authorizeEach: async (action, resource) => allow(action, resource) }),
          }),
        input,
        options,
      );
    },
    bodies: () => base.call(async (_input, ctx) => ctx.bodies, {}),
    async bodyKept(id) {
      if (isInlineBodyId(id)) return (await base.store.getInlineBody(id)) !== undefined;
      return bytesOf((await fixture.bodies()).read(id)).then(
        () => true,
        () => false,
      );
    },
    async bucket(name, options = {}) {
      const account = options.account === undefined ? {} : { account: options.account };
      await base.call(createBucket, { Bucket: name }, account);
      if (options.ownership && options.ownership !== 'BucketOwnerEnforced') {
        await base.call(
          putBucketOwnershipControls,
          { Bucket: name, OwnershipControls: { Rules: [{ ObjectOwnership: options.ownership }] } },
          account,
        );
      }
      if (options.publicAcls) await base.call(deletePublicAccessBlock, { Bucket: name }, account);
      if (options.versioning) {
        await base.call(
          putBucketVersioning,
          { Bucket: name, VersioningConfiguration: { Status: options.versioning } },
          account,
        );
      }
    },
  };
  return fixture;
}

export function bodyOf(data: string | Buffer): Readable {
  return Readable.from([typeof data === 'string' ? Buffer.from(data) : data]);
}

export async function bytesOf(stream: Readable | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? []) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The AwsError a promise rejects with: code, status, message, extra children and headers. */
export async function rejection(promise: Promise<unknown>): Promise<AwsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AwsError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
