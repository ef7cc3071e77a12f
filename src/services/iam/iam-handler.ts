import type { IamOperationName, IamOperations } from '../../protocol/generated/iam.js';
import type { OperationHandler } from '../handler-context.js';

/** The handler of one IAM operation, typed from the model. */
export type IamHandler<K extends IamOperationName> = OperationHandler<
  IamOperations[K]['input'],
  IamOperations[K]['output']
>;
