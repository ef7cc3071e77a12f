import type { Finding, PolicyDoc } from '../types.js';
import type { Catalogue } from './catalogue.js';
import { checkActionResources } from './check-action-resources.js';
import { checkActions } from './check-actions.js';
import { checkConditions } from './check-conditions.js';
import type { Check, CheckContext } from './check-context.js';
import { checkPrincipals } from './check-principals.js';
import { checkRedundancy } from './check-redundancy.js';
import { checkResources } from './check-resources.js';
import { checkSecurity } from './check-security.js';
import { checkStructure } from './check-structure.js';
import { checkVersion } from './check-version.js';
import type { PolicyKind } from './policy-kind.js';

export type { PolicyKind };

export interface ValidateOptions {
  kind: PolicyKind;
  /** Enables the checks that need AWS's list of services, actions, resource types and condition keys. */
  catalogue?: Catalogue;
}

// Order matters only for findings that defer to earlier ones (an invalid ARN is not also "unknown type").
const CHECKS: readonly Check[] = [
  checkStructure,
  checkVersion,
  checkActions,
  checkResources,
  checkActionResources,
  checkPrincipals,
  checkConditions,
  checkSecurity,
  checkRedundancy,
];

/**
 * Checks a parsed policy as IAM Access Analyzer's ValidatePolicy does, for the given kind of policy:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * Returns every finding, sorted by position.
 */
export function validatePolicy(doc: PolicyDoc, options: ValidateOptions): Finding[] {
  const ctx: CheckContext = { doc, kind: options.kind, catalogue: options.catalogue, findings: [] };
  for (const check of CHECKS) check(ctx);
  return sortFindings(ctx.findings);
}

const SEVERITY_ORDER = { ERROR: 0, SECURITY_WARNING: 1, WARNING: 2, SUGGESTION: 3 } as const;

/** By position, then severity (most severe first), then code; stable otherwise. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.at.start.offset - b.at.start.offset ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.code.localeCompare(b.code),
  );
}
