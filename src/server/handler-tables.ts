import { iamHandlers } from '../services/iam/iam-handlers.js';
import { s3Handlers } from '../services/s3/s3-handlers.js';
import { stsHandlers } from '../services/sts/sts-handlers.js';
import type { HandlerTable, QueryService } from './query-pipeline.js';
import type { S3HandlerTable } from './s3-pipeline.js';

/** Every operation the server answers; any other answers NotImplemented. */
export const handlerTables: Readonly<Record<QueryService, HandlerTable>> = {
  iam: iamHandlers,
  sts: stsHandlers,
};

export const s3HandlerTable: S3HandlerTable = s3Handlers;
