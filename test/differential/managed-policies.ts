// AWS-managed organization policies the generated cases use.

import type { PolicyJson } from './case.js';

/** The SCP AWS attaches by default to every root, OU and account.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_strategies.html */
export const FULL_AWS_ACCESS: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** AWS attaches RCPFullAWSAccess to every root, OU and account and it cannot be detached.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html */
export const RCP_FULL_AWS_ACCESS: PolicyJson = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};
