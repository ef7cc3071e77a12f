import type { Finding } from '../types.js';
import {
  ACTION_TWO_COLONS,
  ACTION_VENDOR_WILDCARD,
  ACTION_WITHOUT_VENDOR,
  INVALID_PRINCIPAL,
  iamResourceWithRegion,
  invalidConditionType,
  invalidPartition,
  invalidPrincipal,
  MISSING_ACTIONS,
  MISSING_PRINCIPAL,
  MISSING_RESOURCES,
  PRINCIPAL_NOT_ALLOWED,
  PROHIBITED_RESOURCE,
  resourceNotArn,
  SID_NOT_ALPHANUMERIC,
  SIDS_NOT_UNIQUE,
  SYNTAX_ERRORS,
} from './aws-messages.js';

type Message = (finding: Finding) => string | undefined;

const syntax: Message = () => SYNTAX_ERRORS;

/**
 * The errors IAM itself rejects a policy for (MalformedPolicyDocument), most decisive first. IAM reports
 * only one message; when several apply, the earliest row wins, then the earliest position. Findings that
 * only Access Analyzer reports (unknown actions, condition keys, account placeholders…) are not here:
 * IAM stores such policies. A row's message may decline (undefined) when the finding is not one IAM rejects.
 */
const PRECEDENCE: readonly [code: string, message: Message][] = [
  ['json-syntax-error', syntax],
  ['data-type-mismatch', syntax],
  ['invalid-policy-element', syntax],
  ['missing-statement', syntax],
  ['unsupported-element-combination', syntax],
  ['invalid-version', syntax],
  ['missing-effect', syntax],
  ['invalid-effect', syntax],
  ['invalid-principal-format', syntax],
  ['invalid-principal-key', syntax],
  ['unsupported-principal', () => PRINCIPAL_NOT_ALLOWED],
  ['missing-principal', () => MISSING_PRINCIPAL],
  ['role-trust-policy-syntax-error-resource', () => PROHIBITED_RESOURCE],
  ['role-trust-policy-syntax-error-notprincipal', syntax],
  ['missing-action', () => MISSING_ACTIONS],
  ['missing-resource', () => MISSING_RESOURCES],
  ['unique-sids-required', () => SIDS_NOT_UNIQUE],
  ['unsupported-sid', () => SID_NOT_ALPHANUMERIC],
  [
    'invalid-action-format',
    (f) => ((f.value ?? '').split(':').length > 2 ? ACTION_TWO_COLONS : ACTION_WITHOUT_VENDOR),
  ],
  ['wildcard-in-service-name', () => ACTION_VENDOR_WILDCARD],
  ['invalid-arn-prefix', (f) => resourceNotArn(f.value ?? '')],
  ['missing-arn-field', (f) => resourceNotArn(f.value ?? '')],
  ['invalid-partition', (f) => invalidPartition((f.value ?? '').split(':')[1] ?? '', f.value ?? '')],
  [
    'arn-region-not-allowed',
    (f) => (f.value?.split(':')[2] === 'iam' ? iamResourceWithRegion(f.value) : undefined),
  ],
  ['invalid-principal-arn', principal],
  ['unsupported-wildcard-in-principal', principal],
  ['invalid-service-principal-format', principal],
  ['invalid-federated-principal', principal],
  ['invalid-canonical-user', principal],
  ['invalid-condition-operator', (f) => invalidConditionType(f.value ?? '')],
  ['null-with-if-exists', (f) => invalidConditionType(f.value ?? '')],
];

/**
 * The single message IAM's MalformedPolicyDocument error would carry for these findings, or undefined
 * when IAM would accept the policy.
 */
export function iamMalformedMessage(findings: readonly Finding[]): string | undefined {
  const errors = findings
    .filter((f) => f.severity === 'ERROR')
    .sort((a, b) => a.at.start.offset - b.at.start.offset);
  for (const [code, message] of PRECEDENCE) {
    for (const finding of errors) {
      if (finding.code !== code) continue;
      const text = message(finding);
      if (text !== undefined) return text;
    }
  }
  return undefined;
}

function principal(finding: Finding): string {
  const type = /\.(AWS|Service|Federated|CanonicalUser)\[\d+\]$/.exec(finding.path)?.[1];
  return type && finding.value !== undefined ? invalidPrincipal(type, finding.value) : INVALID_PRINCIPAL;
}
