import type { S3OperationName, S3Operations } from '../../protocol/generated/s3.js';
import type { S3Handler } from './s3-context.js';

/** The handler of one S3 operation, typed from the model. */
export type S3OperationHandler<K extends S3OperationName> = S3Handler<
  S3Operations[K]['input'],
  S3Operations[K]['output']
>;
