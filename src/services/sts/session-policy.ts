import { parsePolicy } from '../../policy/parse/parse-policy.js';
import { iamMalformedMessage } from '../../policy/validate/precedence.js';
import { awsError } from '../../protocol/errors.js';

/** A session policy must be a valid policy document, else AWS answers MalformedPolicyDocument. */
export function checkSessionPolicy(text: string): void {
  const parsed = parsePolicy(text);
  if (parsed.doc) return;
  throw awsError(
    'sts',
    'MalformedPolicyDocument',
    iamMalformedMessage(parsed.findings) ?? 'Syntax errors in policy.',
  );
}
