// Every S3 operation trustlab answers; the server answers the others with NotImplemented.
import type { S3OperationName } from '../../protocol/generated/s3.js';
import { bucketHandlers } from './bucket-handlers.js';
import { objectHandlers } from './object-handlers.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const s3Handlers: { [K in S3OperationName]?: S3OperationHandler<K> } = {
  ...bucketHandlers,
  ...objectHandlers,
};
