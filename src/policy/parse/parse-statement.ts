import type { MemberNode, ValueNode } from '@humanwhocodes/momoa';
import type { Effect, Located, Statement } from '../types.js';
import { spanOf } from './locate.js';
import { parseCondition } from './parse-condition.js';
import type { ParseContext } from './parse-context.js';
import { parsePrincipal } from './parse-principal.js';
import { parseValueBlock } from './parse-values.js';

const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const;

// Each pair is mutually exclusive: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
const EXCLUSIVE: readonly [string, string][] = [
  ['Principal', 'NotPrincipal'],
  ['Action', 'NotAction'],
  ['Resource', 'NotResource'],
];

/** One statement object; returns undefined when it is not an object at all. */
export function parseStatement(
  node: ValueNode,
  index: number,
  path: string,
  ctx: ParseContext,
): Statement | undefined {
  if (node.type !== 'Object') {
    ctx.typeMismatch(path, node, 'a statement object');
    return undefined;
  }
  const members = ctx.members(node, path);
  for (const [name, member] of members) {
    if ((STATEMENT_ELEMENTS as readonly string[]).includes(name)) continue;
    reportUnknownElement(name, member, `${path}.${name}`, STATEMENT_ELEMENTS, ctx);
  }
  for (const [first, second] of EXCLUSIVE) {
    const other = members.get(second);
    if (members.has(first) && other) {
      ctx.report(
        'unsupported-element-combination',
        'ERROR',
        `${path}.${second}`,
        other.name,
        `a statement cannot have both \`${first}\` and \`${second}\``,
        `keep only one of \`${first}\` and \`${second}\``,
      );
    }
  }

  const statement: Statement = {
    index,
    effect: parseEffect(members.get('Effect'), node, path, ctx),
    action: { not: false, values: [], at: spanOf(node) },
    conditions: [],
    at: spanOf(node),
  };
  const sid = members.get('Sid');
  if (sid) {
    if (sid.value.type === 'String') statement.sid = ctx.located(sid.value);
    else ctx.typeMismatch(`${path}.Sid`, sid.value, 'a string');
  }
  const principal = pick(members, 'Principal', 'NotPrincipal');
  if (principal)
    statement.principal = parsePrincipal(principal[1], principal[0], `${path}.${principal[0]}`, ctx);
  const action = pick(members, 'Action', 'NotAction');
  if (action) statement.action = parseValueBlock(action[1], action[0], `${path}.${action[0]}`, ctx);
  else {
    ctx.report(
      'missing-action',
      'ERROR',
      path,
      node,
      'the statement has no `Action` or `NotAction`',
      'add an `Action` element, e.g. `"Action": "s3:GetObject"`',
    );
  }
  const resource = pick(members, 'Resource', 'NotResource');
  if (resource) statement.resource = parseValueBlock(resource[1], resource[0], `${path}.${resource[0]}`, ctx);
  const condition = members.get('Condition');
  if (condition) statement.conditions = parseCondition(condition, `${path}.Condition`, ctx);
  return statement;
}

/** Reports an element name the grammar does not know, hinting at a case mistake. */
export function reportUnknownElement(
  name: string,
  member: MemberNode,
  path: string,
  known: readonly string[],
  ctx: ParseContext,
): void {
  const near = known.find((k) => k.toLowerCase() === name.toLowerCase());
  ctx.report(
    'invalid-policy-element',
    'ERROR',
    path,
    member.name,
    `\`${name}\` is not a policy element`,
    near
      ? `write \`${near}\` (element names are case-sensitive)`
      : `use only ${known.map((k) => `\`${k}\``).join(', ')}`,
    name,
  );
}

// Effect is case-sensitive: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html
function parseEffect(
  member: MemberNode | undefined,
  statement: ValueNode,
  path: string,
  ctx: ParseContext,
): Located<Effect> {
  const placeholder: Located<Effect> = { value: 'Deny', at: spanOf(statement) };
  if (!member) {
    ctx.report(
      'missing-effect',
      'ERROR',
      path,
      statement,
      'the statement has no `Effect`',
      'add `"Effect": "Allow"` or `"Effect": "Deny"`',
    );
    return placeholder;
  }
  const node = member.value;
  if (node.type !== 'String') {
    ctx.typeMismatch(`${path}.Effect`, node, '`"Allow"` or `"Deny"`');
    return placeholder;
  }
  const effect = node.value;
  if (effect === 'Allow' || effect === 'Deny') return { value: effect, at: spanOf(node) };
  const near = ['Allow', 'Deny'].find((e) => e.toLowerCase() === node.value.trim().toLowerCase());
  ctx.report(
    'invalid-effect',
    'ERROR',
    `${path}.Effect`,
    node,
    `effect \`${node.value}\` is not valid`,
    near ? `write \`${near}\` (the effect is case-sensitive)` : 'use `Allow` or `Deny`',
    node.value,
  );
  return placeholder;
}

function pick(
  members: Map<string, MemberNode>,
  plain: string,
  not: string,
): [string, MemberNode] | undefined {
  const a = members.get(plain);
  if (a) return [plain, a];
  const b = members.get(not);
  return b ? [not, b] : undefined;
}
