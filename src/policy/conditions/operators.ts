// The catalogue of condition operators: every family's base operators, with the ForAllValues: /
// ForAnyValue: prefixes and the IfExists suffix. Names are case-sensitive: IAM rejects `stringEquals`
// with "MalformedPolicyDocument: Invalid Condition type : stringEquals".
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
import { arnFamily } from './arn.js';
import { binaryFamily } from './binary.js';
import { boolFamily } from './bool.js';
import { dateFamily } from './date.js';
import type { ConditionFamily, OperatorSpec } from './family.js';
import { ipFamily } from './ip.js';
import { nullFamily } from './null.js';
import { numericFamily } from './numeric.js';
import { splitQualifiers } from './qualifiers.js';
import { stringFamily } from './string.js';

export interface OperatorInfo {
  /** As written: `ForAnyValue:StringLikeIfExists`. */
  name: string;
  /** e.g. `StringLike`. */
  base: string;
  /** The family's name: `String`, `Numeric`, `Date`, `Boolean`, `Binary`, `IpAddress`, `Arn`, `Null`. */
  family: string;
  ifExists: boolean;
  set: 'ForAllValues' | 'ForAnyValue' | undefined;
  /** StringNotEquals, NotIpAddress, ArnNotLike…: true when no policy value matches. */
  negated: boolean;
  /** An error message for a value this operator does not accept (policy variables read as in 2012-10-17). */
  checkValue(value: string): string | undefined;
}

export const conditionFamilies: readonly ConditionFamily[] = [
  stringFamily,
  numericFamily,
  dateFamily,
  boolFamily,
  binaryFamily,
  ipFamily,
  arnFamily,
  nullFamily,
];

/** undefined for an unknown operator, a misspelt qualifier, `NullIfExists` or a qualified `Null`. */
export function lookupOperator(name: string): OperatorInfo | undefined {
  return findOperator(name)?.info;
}

/** The base operator names, for suggestions (`StringEquals`, …). */
export function baseOperatorNames(): string[] {
  return [...byBase.keys()];
}

export function findOperator(name: string): { info: OperatorInfo; family: ConditionFamily } | undefined {
  const { set, base, ifExists } = splitQualifiers(name);
  const found = byBase.get(base);
  if (found === undefined) return undefined;
  const { family, spec } = found;
  // "You can add IfExists to the end of any condition operator name except the Null condition."
  if (family.presenceOnly && (ifExists || set !== undefined)) return undefined;
  const info: OperatorInfo = {
    name,
    base,
    family: family.name,
    ifExists,
    set,
    negated: spec.negated,
    checkValue: (value) => family.checkValue(base, value, '2012-10-17'),
  };
  return { info, family };
}

const byBase = new Map<string, { family: ConditionFamily; spec: OperatorSpec }>(
  conditionFamilies.flatMap((family) =>
    family.operators.map((spec) => [spec.name, { family, spec }] as const),
  ),
);
