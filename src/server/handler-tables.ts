import { iamHandlers } from '../services/iam/iam-handlers.js';
import { stsHandlers } from '../services/sts/sts-handlers.js';
import type { HandlerTable, QueryService } from './query-pipeline.js';

/** Every operation the server answers; any other answers NotImplemented. */
export const handlerTables: Readonly<Record<QueryService, HandlerTable>> = {
  iam: iamHandlers,
  sts: stsHandlers,
};
