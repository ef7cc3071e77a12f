// The qualifiers around a base operator, and how one condition entry is evaluated with them.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
import type { ContextValue, RequestContext } from '../types.js';
import type { ValueTest } from './family.js';

export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

export interface QualifiedName {
  set: SetQualifier | undefined;
  /** The operator without qualifiers: `StringLike` for `ForAnyValue:StringLikeIfExists`. */
  base: string;
  ifExists: boolean;
}

/** Splits `ForAnyValue:StringLikeIfExists`; spelling is case-sensitive, as AWS's parser is. */
export function splitQualifiers(name: string): QualifiedName {
  let rest = name;
  let set: SetQualifier | undefined;
  for (const q of ['ForAllValues', 'ForAnyValue'] as const) {
    if (rest.startsWith(`${q}:`)) {
      set = q;
      rest = rest.slice(q.length + 1);
      break;
    }
  }
  const ifExists = rest.endsWith('IfExists') && rest.length > 'IfExists'.length;
  return { set, base: ifExists ? rest.slice(0, -'IfExists'.length) : rest, ifExists };
}

export interface EntryShape {
  set: SetQualifier | undefined;
  ifExists: boolean;
  negated: boolean;
  presenceOnly: boolean;
}

/**
 * One condition entry (operator + key + policy values) against the request.
 * - Several policy values: OR for positive operators; for negated ones the request value must match
 *   none of them ("the string cannot match any of the … values listed").
 * - Key missing (an empty list counts as missing): false for positive operators, true for negated
 *   ones; `…IfExists` makes it true; ForAllValues is true, ForAnyValue false.
 * - ForAllValues: every request value must satisfy the operator; ForAnyValue: at least one. With a
 *   negated operator "satisfy" means it matches none of the policy values.
 * - Without a set qualifier a multivalued request value (two or more values) does not satisfy the
 *   condition, negated operators included: "Multivalued context keys require a condition set operator".
 *   A one-element list is read as that single value.
 * - Null: `true` holds when the key is missing, `false` when it is present.
 */
export function testEntry(
  shape: EntryShape,
  raw: ContextValue | undefined,
  tests: readonly ValueTest[],
  ctx: RequestContext,
): boolean {
  const values =
    raw === undefined ? undefined : typeof raw === 'string' ? [raw] : raw.length === 0 ? undefined : raw;
  if (shape.presenceOnly) return matchesAny(tests, values === undefined ? 'true' : 'false', ctx);
  if (shape.set === 'ForAllValues') {
    if (values === undefined) return true;
    for (const value of values) if (!satisfies(shape, tests, value, ctx)) return false;
    return true;
  }
  // ForAnyValue needs a value to match: a missing key is false even with IfExists, as real AWS denies
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
  if (shape.set === 'ForAnyValue') {
    if (values === undefined) return false;
    for (const value of values) if (satisfies(shape, tests, value, ctx)) return true;
    return false;
  }
  if (values === undefined) return shape.ifExists || shape.negated;
  if (values.length > 1) return false;
  return satisfies(shape, tests, values[0] as string, ctx);
}

// Plain functions and loops, no closures: these run for every condition of every decision.
function satisfies(
  shape: EntryShape,
  tests: readonly ValueTest[],
  value: string,
  ctx: RequestContext,
): boolean {
  return matchesAny(tests, value, ctx) !== shape.negated;
}

function matchesAny(tests: readonly ValueTest[], value: string, ctx: RequestContext): boolean {
  for (const test of tests) if (test(value, ctx)) return true;
  return false;
}
