import { baseOperatorNames, lookupOperator } from '../conditions/operators.js';
import type { ConditionEntry, Statement } from '../types.js';
import { type CheckContext, code, report, statementPath } from './check-context.js';
import { closestName } from './closest-name.js';

// Condition operators and keys:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
export function checkConditions(ctx: CheckContext): void {
  for (const statement of ctx.doc.statements) {
    const seenOperators = new Set<number>();
    for (const condition of statement.conditions) {
      const operatorPath = `${statementPath(statement)}.Condition.${condition.operator.value}`;
      const keyPath = `${operatorPath}["${condition.key.value}"]`;
      const firstOfOperator = !seenOperators.has(condition.operator.at.start.offset);
      seenOperators.add(condition.operator.at.start.offset);
      const info = lookupOperator(condition.operator.value);
      if (!info) {
        if (firstOfOperator) reportOperator(ctx, condition, operatorPath);
      } else {
        condition.values.forEach((value, index) => {
          const problem = info.checkValue(value.value);
          if (problem === undefined) return;
          report(
            ctx,
            'invalid-condition-value',
            'ERROR',
            `${keyPath}[${index}]`,
            value.at,
            problem,
            `write a value that \`${info.base}\` accepts`,
            value.value,
          );
        });
      }
      checkKey(ctx, condition, keyPath);
    }
    checkKeyCase(ctx, statement);
  }
}

function reportOperator(ctx: CheckContext, condition: ConditionEntry, path: string): void {
  const name = condition.operator.value;
  const base = name.replace(/^(ForAllValues|ForAnyValue):/i, '').replace(/IfExists$/i, '');
  const near = closestName(base, baseOperatorNames());
  const nullQualified = /^null$/i.test(base);
  report(
    ctx,
    nullQualified ? 'null-with-if-exists' : 'invalid-condition-operator',
    'ERROR',
    path,
    condition.operator.at,
    nullQualified
      ? `\`Null\` takes no qualifier or \`IfExists\`, but \`${name}\` has one`
      : `condition operator ${code(condition.operator)} does not exist`,
    nullQualified
      ? 'write plain `Null`'
      : near
        ? `did you mean \`${name.replace(base, near)}\`? operator names are case-sensitive`
        : 'use an operator such as `StringEquals`, `ArnLike`, `Bool`, `IpAddress`',
    name,
  );
}

function checkKey(ctx: CheckContext, condition: ConditionEntry, path: string): void {
  const key = condition.key.value;
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) {
    report(
      ctx,
      'invalid-condition-key-format',
      'ERROR',
      path,
      condition.key.at,
      `condition key ${code(condition.key)} is not in \`service:key\` form`,
      'write it as `aws:SourceIp`, `s3:prefix`, …',
      key,
    );
    return;
  }
  const catalogue = ctx.catalogue;
  if (!catalogue || catalogue.conditionKey(key)) return;
  const prefix = key.slice(0, colon).toLowerCase();
  // Keys of OIDC and SAML identity providers are named after the provider's host: any host is valid.
  if (prefix.includes('.') || prefix.includes('/')) return;
  if (prefix === 'aws') {
    report(
      ctx,
      'invalid-global-condition-key',
      'ERROR',
      path,
      condition.key.at,
      `global condition key ${code(condition.key)} does not exist`,
      'check the name against the aws global condition context keys',
      key,
    );
  } else if (catalogue.hasService(prefix)) {
    report(
      ctx,
      'invalid-service-condition-key',
      'ERROR',
      path,
      condition.key.at,
      `condition key ${code(condition.key)} does not exist in service \`${prefix}\``,
      `check the ${prefix} condition keys in the service authorization reference`,
      key,
    );
  } else {
    report(
      ctx,
      'invalid-service',
      'ERROR',
      path,
      condition.key.at,
      `service \`${prefix}\` in condition key ${code(condition.key)} does not exist`,
      'check the service prefix',
      key,
    );
  }
}

// Key names are case-insensitive, so `aws:SourceIp` and `aws:sourceip` in one operator block are the same key.
function checkKeyCase(ctx: CheckContext, statement: Statement): void {
  const seen = new Map<string, ConditionEntry>();
  for (const condition of statement.conditions) {
    const id = `${condition.operator.at.start.offset}\u0000${condition.key.value.toLowerCase()}`;
    const first = seen.get(id);
    if (!first) {
      seen.set(id, condition);
      continue;
    }
    report(
      ctx,
      'duplicate-keys-with-different-case',
      'ERROR',
      `${statementPath(statement)}.Condition.${condition.operator.value}["${condition.key.value}"]`,
      condition.key.at,
      `${code(condition.key)} repeats ${code(first.key)} in the same operator block (key names ignore case)`,
      'merge the values under one key',
      condition.key.value,
    );
  }
}
