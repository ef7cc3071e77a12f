import type { MemberNode } from '@humanwhocodes/momoa';
import type { ConditionEntry, Located } from '../types.js';
import { spanOf } from './locate.js';
import type { ParseContext } from './parse-context.js';

/**
 * Condition: `{ operator: { key: value | [values] } }`; values are strings, numbers or booleans
 * (numbers and booleans kept as their JSON text).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 */
export function parseCondition(member: MemberNode, path: string, ctx: ParseContext): ConditionEntry[] {
  const node = member.value;
  if (node.type !== 'Object') {
    ctx.typeMismatch(path, node, 'an object of condition operators');
    return [];
  }
  if (node.members.length === 0) {
    ctx.report(
      'empty-object-condition',
      'SUGGESTION',
      path,
      node,
      '`Condition` is an empty object',
      'remove it',
    );
  }
  const entries: ConditionEntry[] = [];
  for (const [operatorName, operatorMember] of ctx.members(node, path)) {
    const operatorPath = `${path}.${operatorName}`;
    const block = operatorMember.value;
    if (block.type !== 'Object') {
      ctx.typeMismatch(operatorPath, block, 'an object of condition keys and values');
      continue;
    }
    if (block.members.length === 0) {
      ctx.report(
        'empty-object-condition',
        'SUGGESTION',
        operatorPath,
        block,
        `\`${operatorName}\` has no condition keys`,
        'add a condition key or remove the operator',
      );
    }
    const operator = ctx.located(operatorMember.name);
    for (const [keyName, keyMember] of ctx.members(block, operatorPath)) {
      const keyPath = `${operatorPath}["${keyName}"]`;
      entries.push({
        operator,
        key: ctx.located(keyMember.name),
        values: conditionValues(keyMember, keyPath, ctx),
        at: spanOf(keyMember),
      });
    }
  }
  return entries;
}

function conditionValues(member: MemberNode, path: string, ctx: ParseContext): Located[] {
  const node = member.value;
  if (node.type === 'Array') {
    if (node.elements.length === 0) {
      ctx.report(
        'empty-array-condition',
        'SUGGESTION',
        path,
        node,
        'the condition key has an empty array of values',
        'list at least one value',
      );
    }
    const values: Located[] = [];
    node.elements.forEach((element, index) => {
      const value = element.value;
      if (value.type === 'String' || value.type === 'Number' || value.type === 'Boolean')
        values.push(ctx.located(value));
      else ctx.typeMismatch(`${path}[${index}]`, value, 'a string, number or boolean');
    });
    return values;
  }
  if (node.type === 'String' || node.type === 'Number' || node.type === 'Boolean') return [ctx.located(node)];
  ctx.typeMismatch(path, node, 'a string, number, boolean or an array of them');
  return [];
}
