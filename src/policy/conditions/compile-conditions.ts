// Compiles a statement's Condition block once; `test` then reads only compiled data.
// All entries must hold (AND); see qualifiers.ts for one entry.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
import type { ConditionEntry, PolicyVersion, RequestContext } from '../types.js';
import type { ValueTest } from './family.js';
import { baseOperatorNames, findOperator } from './operators.js';
import { splitQualifiers, testEntry } from './qualifiers.js';

export interface ConditionProblem {
  entry: ConditionEntry;
  message: string;
}

export interface CompiledConditions {
  /** Always false when there are problems: the statement cannot be evaluated. */
  test(ctx: RequestContext): boolean;
  problems: ConditionProblem[];
}

export function compileConditions(entries: ConditionEntry[], version: PolicyVersion): CompiledConditions {
  const problems: ConditionProblem[] = [];
  const compiled: ((ctx: RequestContext) => boolean)[] = [];
  for (const entry of entries) {
    const operator = entry.operator.value;
    const found = findOperator(operator);
    if (found === undefined) {
      problems.push({ entry, message: unknownOperatorMessage(operator) });
      continue;
    }
    const { info, family } = found;
    const tests: ValueTest[] = [];
    for (const value of entry.values) {
      const message = family.checkValue(info.base, value.value, version);
      if (message === undefined) tests.push(family.compileValue(info.base, value.value, version));
      else problems.push({ entry, message });
    }
    const key = entry.key.value.toLowerCase();
    const shape = {
      set: info.set,
      ifExists: info.ifExists,
      negated: info.negated,
      presenceOnly: !!family.presenceOnly,
    };
    compiled.push((ctx) => testEntry(shape, ctx.get(key), tests, ctx));
  }
  if (problems.length > 0) return { test: () => false, problems };
  if (compiled.length === 0) return { test: () => true, problems };
  // A plain loop: this runs for every candidate statement of every decision.
  const test = (ctx: RequestContext): boolean => {
    for (const entryTest of compiled) if (!entryTest(ctx)) return false;
    return true;
  };
  return { test, problems };
}

function unknownOperatorMessage(operator: string): string {
  const { base } = splitQualifiers(operator);
  const lower = base.toLowerCase();
  const near = baseOperatorNames().find((name) => name.toLowerCase() === lower);
  if (base === 'Null')
    return `\`${operator}\` is not allowed: \`Null\` takes no IfExists suffix or set qualifier`;
  if (near !== undefined)
    return `unknown condition operator \`${operator}\`; operator names are case-sensitive: \`${near}\``;
  return `unknown condition operator \`${operator}\``;
}
