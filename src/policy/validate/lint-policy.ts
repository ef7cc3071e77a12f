import { parsePolicy } from '../parse/parse-policy.js';
import type { Finding } from '../types.js';
import { sortFindings, type ValidateOptions, validatePolicy } from './validate-policy.js';

/** Parse + validate: every finding about the policy text, sorted by position. Never throws. */
export function lintPolicy(text: string, options: ValidateOptions): Finding[] {
  const parsed = parsePolicy(text);
  const findings = parsed.doc
    ? [...parsed.findings, ...validatePolicy(parsed.doc, options)]
    : parsed.findings;
  return sortFindings(findings);
}
