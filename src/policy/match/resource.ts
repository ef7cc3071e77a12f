import type { PolicyVersion, RequestContext } from '../types.js';
import { compileArnTemplate } from './arn-match.js';
import { parseTemplate } from './variables.js';

export type ResourceMatcher = (resource: string, ctx: RequestContext) => boolean;

/**
 * A Resource / NotResource entry. Case-sensitive; `*` alone matches every resource; otherwise
 * ARN-aware as described in arn-match.ts (segment wildcards, a segment-final `*` may cross colons).
 * Policy variables are substituted first, their values as literal text; a variable without a value
 * makes the entry match nothing ("the resource that includes a policy variable with no value will not
 * match any resource").
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value
 */
export function compileResourcePattern(pattern: string, version: PolicyVersion): ResourceMatcher {
  if (pattern === '*') return () => true;
  return compileArnTemplate(parseTemplate(pattern, version), 'resource');
}
