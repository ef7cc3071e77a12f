// What every operator family file (string.ts, numeric.ts, …) exports: one descriptor.
import type { PolicyVersion, RequestContext } from '../types.js';

export interface OperatorSpec {
  /** The base name as AWS spells it (names are case-sensitive): `StringNotLike`. */
  name: string;
  /** Negated operators (StringNotEquals, NotIpAddress, ArnNotLike…) hold when no policy value matches. */
  negated: boolean;
}

/**
 * Whether one request value matches one compiled policy value, always in the positive sense
 * (StringNotEquals compiles to the StringEquals test; qualifiers.ts applies the negation).
 * A request value the family cannot read (a date that is not a date) does not match.
 */
export type ValueTest = (requestValue: string, ctx: RequestContext) => boolean;

export interface ConditionFamily {
  /** `String`, `Numeric`, `Date`, `Boolean`, `Binary`, `IpAddress`, `Arn`, `Null`. */
  name: string;
  operators: readonly OperatorSpec[];
  /** Null looks at whether the key is present, not at its values; its tests receive `'true'` when it is absent. */
  presenceOnly?: boolean;
  /** An error message for a policy value the operator does not accept, else undefined. */
  checkValue(operator: string, value: string, version: PolicyVersion): string | undefined;
  /** Called once per policy value, after checkValue accepted it. */
  compileValue(operator: string, value: string, version: PolicyVersion): ValueTest;
}
