// Test support only: builds condition entries without a parsed document.
import { buildContext } from '../context.js';
import type { ConditionEntry, ContextValue, PolicyVersion, Span } from '../types.js';
import { compileConditions } from './compile-conditions.js';

const nowhere: Span = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

export function conditionEntry(operator: string, key: string, values: string | string[]): ConditionEntry {
  const list = typeof values === 'string' ? [values] : values;
  return {
    operator: { value: operator, at: nowhere },
    key: { value: key, at: nowhere },
    values: list.map((value) => ({ value, at: nowhere })),
    at: nowhere,
  };
}

/** Compiles one entry and tests it against a context given as a plain object. */
export function holds(
  operator: string,
  key: string,
  values: string | string[],
  context: Record<string, ContextValue>,
  version: PolicyVersion = '2012-10-17',
): boolean {
  const compiled = compileConditions([conditionEntry(operator, key, values)], version);
  if (compiled.problems.length > 0) throw new Error(compiled.problems.map((p) => p.message).join('; '));
  return compiled.test(buildContext(context));
}
