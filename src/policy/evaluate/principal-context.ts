import type { CallerFacts } from '../types.js';

/**
 * The principal's global condition keys that follow from who it is, for the CLI and the server to
 * share. Only what the ARN shows is filled: unique ids (AIDA…, AROA…) are the store's to add.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable
 */
export function principalContext(caller: CallerFacts): Record<string, string> {
  const keys: Record<string, string> = {};
  if (caller.type === 'Anonymous') {
    keys['aws:userid'] = 'anonymous';
    return keys;
  }
  if (caller.type === 'Service') {
    keys['aws:PrincipalIsAWSService'] = 'true';
    if (caller.service !== undefined) keys['aws:PrincipalServiceName'] = caller.service;
    return keys;
  }
  keys['aws:PrincipalIsAWSService'] = 'false';
  keys['aws:PrincipalType'] = caller.type;
  if (caller.account !== undefined) keys['aws:PrincipalAccount'] = caller.account;
  switch (caller.type) {
    case 'Account':
      keys['aws:PrincipalArn'] = caller.arn;
      // "For the root user, aws:userid is the account ID."
      if (caller.account !== undefined) keys['aws:userid'] = caller.account;
      break;
    case 'User':
      keys['aws:PrincipalArn'] = caller.arn;
      keys['aws:username'] = caller.arn.slice(caller.arn.lastIndexOf('/') + 1);
      break;
    case 'AssumedRole':
      // For a role session aws:PrincipalArn is the role's ARN, not the session's.
      if (caller.roleArn !== undefined) keys['aws:PrincipalArn'] = caller.roleArn;
      if (caller.federatedProvider !== undefined) keys['aws:FederatedProvider'] = caller.federatedProvider;
      break;
    case 'FederatedUser': {
      keys['aws:PrincipalArn'] = caller.arn;
      // A GetFederationToken session's userid is `account:caller-specified-name`.
      const name = caller.arn.slice(caller.arn.lastIndexOf('/') + 1);
      if (caller.account !== undefined) keys['aws:userid'] = `${caller.account}:${name}`;
      break;
    }
  }
  return keys;
}
