import { compileWildcard } from './wildcard.js';

/**
 * Action names and patterns compare case-insensitively (`s3:getobject` is `s3:GetObject`), with `*`
 * and `?` wildcards anywhere: `s3:Get*`, `iam:*User*`, `s3:?etObject`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export function compileActionPattern(pattern: string): (action: string) => boolean {
  return compileWildcard(pattern, true);
}
