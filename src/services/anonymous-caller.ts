import type { Caller } from './handler-context.js';

/**
 * The caller of an unsigned S3 request. Only resource policies and ACLs can allow it; `aws:userid` is
 * `anonymous`, as AWS documents for unauthenticated requests.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable
 */
export const ANONYMOUS_CALLER: Caller = {
  facts: { type: 'Anonymous', arn: '*' },
  account: '',
  accessKeyId: '',
  principalId: 'anonymous',
};
