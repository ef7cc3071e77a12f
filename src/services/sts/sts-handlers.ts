import { type AwsError, accessDenied } from '../../protocol/errors.js';
import type { StsOperationName, StsOperations } from '../../protocol/generated/sts.js';
import type { Caller, OperationHandler } from '../handler-context.js';
import { assumeRole } from './assume-role.js';
import { decodeAuthorizationMessage } from './decode-authorization-message.js';
import { getAccessKeyInfo } from './get-access-key-info.js';
import { getCallerIdentity } from './get-caller-identity.js';
import { getSessionToken } from './get-session-token.js';

export const stsHandlers: {
  [K in StsOperationName]?: OperationHandler<StsOperations[K]['input'], StsOperations[K]['output']>;
} = {
  AssumeRole: assumeRole,
  DecodeAuthorizationMessage: decodeAuthorizationMessage,
  GetAccessKeyInfo: getAccessKeyInfo,
  GetCallerIdentity: getCallerIdentity,
  GetSessionToken: getSessionToken,
};

/**
 * STS's refusals that come before any policy is read: "You cannot switch to a role when you are
 * signed in as the AWS account root user", which STS answers with its own message.
 */
export function stsRefusal(operation: string, caller: Caller): AwsError | undefined {
  if (operation === 'AssumeRole' && caller.facts.type === 'Account') {
    return accessDenied('Roles may not be assumed by root accounts.');
  }
  return undefined;
}
