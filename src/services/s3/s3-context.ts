import type { BodyStore, ExpectedDigests } from '../../store/bodies/body-store.js';
import type { BucketRecord, ChecksumAlgorithm, ObjectRecord } from '../../store/s3-records.js';
import type { HandlerContext, OperationHandler } from '../handler-context.js';

/** What an S3 handler gets beside its input. */
export interface S3HandlerContext extends HandlerContext {
  bodies: BodyStore;
  /**
   * The bucket the request names, as the pipeline read it to authorize the request; undefined when
   * it does not exist (or the operation names none). Handlers needing a fresh copy read it in their
   * transaction.
   */
  bucket: BucketRecord | undefined;
  /**
   * The object version the request names (latest, or its versionId), as the pipeline read it when
   * authorization needed it (s3:ExistingObjectTag…); undefined otherwise or when missing. Reads outside
   * a transaction use it instead of reading again.
   */
  object?: ObjectRecord | undefined;
  /**
   * What the signature promised about the request body: the signed x-amz-content-sha256, the decoded
   * length, aws-chunked trailing checksums. Known only once the body has ended (trailers come last):
   * a body write merges these with the input's own digests (Content-MD5, x-amz-checksum-*).
   */
  payloadDigests: () => ExpectedDigests;
  /** The checksums the body's trailer will carry (x-amz-trailer): compute them while it streams. */
  trailingChecksums: readonly ChecksumAlgorithm[];
  /**
   * Decides one further IAM request of the operation, as the pipeline decides the first ones (DeleteObjects
   * authorizes each key on its own): true when allowed. The denial is audited.
   */
  authorizeEach: (action: string, resource: string) => Promise<boolean>;
}

export type S3Handler<I, O> = OperationHandler<I, O, S3HandlerContext>;
