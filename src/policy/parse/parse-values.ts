import type { MemberNode } from '@humanwhocodes/momoa';
import type { Located, ValueBlock } from '../types.js';
import { spanOf } from './locate.js';
import type { ParseContext } from './parse-context.js';

/**
 * Action / NotAction / Resource / NotResource: a string or an array of strings.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
export function parseValueBlock(
  member: MemberNode,
  name: string,
  path: string,
  ctx: ParseContext,
): ValueBlock {
  const values = parseStrings(member, name, path, ctx);
  return { not: name.startsWith('Not'), values, at: spanOf(member) };
}

/** A string or an array of strings; reports wrong types and (as Access Analyzer does) empty arrays. */
export function parseStrings(member: MemberNode, name: string, path: string, ctx: ParseContext): Located[] {
  const node = member.value;
  if (node.type === 'String') return [ctx.located(node)];
  if (node.type !== 'Array') {
    ctx.typeMismatch(path, node, 'a string or an array of strings');
    return [];
  }
  if (node.elements.length === 0) {
    const what = EMPTY_CODES[name] ?? 'element';
    ctx.report(
      `empty-array-${what}`,
      'SUGGESTION',
      path,
      node,
      `\`${name}\` is an empty array`,
      `list at least one ${what} in \`${name}\`, or remove it`,
    );
  }
  const values: Located[] = [];
  node.elements.forEach((element, index) => {
    if (element.value.type === 'String') values.push(ctx.located(element.value));
    else ctx.typeMismatch(`${path}[${index}]`, element.value, 'a string');
  });
  return values;
}

// Access Analyzer's suggestion names: Empty array action / resource / principal.
const EMPTY_CODES: Record<string, string> = {
  Action: 'action',
  NotAction: 'action',
  Resource: 'resource',
  NotResource: 'resource',
  AWS: 'principal',
  Service: 'principal',
  Federated: 'principal',
  CanonicalUser: 'principal',
};
