import type { MemberNode } from '@humanwhocodes/momoa';
import type { PrincipalBlock, PrincipalEntry, PrincipalType } from '../types.js';
import { spanOf } from './locate.js';
import type { ParseContext } from './parse-context.js';
import { parseStrings } from './parse-values.js';

const PRINCIPAL_TYPES: readonly PrincipalType[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/**
 * Principal / NotPrincipal: `"*"` or an object whose keys are AWS, Service, Federated, CanonicalUser.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export function parsePrincipal(
  member: MemberNode,
  name: string,
  path: string,
  ctx: ParseContext,
): PrincipalBlock {
  const block: PrincipalBlock = {
    not: name === 'NotPrincipal',
    wildcard: false,
    entries: [],
    at: spanOf(member),
  };
  const node = member.value;
  if (node.type === 'String') {
    if (node.value === '*') block.wildcard = true;
    else {
      ctx.report(
        'invalid-principal-format',
        'ERROR',
        path,
        node,
        `\`${name}\` must be \`"*"\` or an object such as \`{"AWS": "…"}\`, not the string \`${node.value}\``,
        `write \`"${name}": {"AWS": "${node.value}"}\` (or \`Service\`, \`Federated\`, \`CanonicalUser\`)`,
        node.value,
      );
    }
    return block;
  }
  if (node.type !== 'Object') {
    ctx.typeMismatch(path, node, '`"*"` or an object');
    return block;
  }
  if (node.members.length === 0) {
    ctx.report(
      'empty-object-principal',
      'SUGGESTION',
      path,
      node,
      `\`${name}\` is an empty object`,
      `name at least one principal in \`${name}\``,
    );
  }
  for (const [key, entry] of ctx.members(node, path)) {
    const type = PRINCIPAL_TYPES.find((t) => t === key);
    if (!type) {
      const near = PRINCIPAL_TYPES.find((t) => t.toLowerCase() === key.toLowerCase());
      ctx.report(
        'invalid-principal-key',
        'ERROR',
        `${path}.${key}`,
        entry.name,
        `\`${key}\` is not a principal type`,
        near
          ? `write \`${near}\` (principal types are case-sensitive)`
          : 'use one of `AWS`, `Service`, `Federated`, `CanonicalUser`',
        key,
      );
      continue;
    }
    for (const value of parseStrings(entry, type, `${path}.${key}`, ctx)) {
      block.entries.push({ type, value } satisfies PrincipalEntry);
    }
  }
  return block;
}
