import type { AnyNode, MemberNode, ObjectNode } from '@humanwhocodes/momoa';
import type { Finding, Located, Severity } from '../types.js';
import { spanOf } from './locate.js';
import { makeFinding } from './make-finding.js';

/** Collects findings while a policy's AST is turned into a PolicyDoc. */
export class ParseContext {
  readonly findings: Finding[] = [];

  constructor(readonly text: string) {}

  report(
    code: string,
    severity: Severity,
    path: string,
    node: AnyNode,
    message: string,
    fix?: string,
    value?: string,
  ): void {
    this.findings.push(makeFinding(code, severity, path, spanOf(node), message, fix, value));
  }

  /** `Data type mismatch` in Access Analyzer's words. */
  typeMismatch(path: string, node: AnyNode, expected: string): void {
    this.report(
      'data-type-mismatch',
      'ERROR',
      path,
      node,
      `\`${path || 'policy'}\` must be ${expected}, not ${jsonType(node)}`,
      `write \`${path || 'the policy'}\` as ${expected}`,
    );
  }

  /**
   * An object's members by name. JSON parsers keep the last of duplicate keys, so the last wins here too,
   * and every earlier duplicate gets a warning: it is silently ignored by whoever reads the policy.
   */
  members(object: ObjectNode, path: string): Map<string, MemberNode> {
    const byName = new Map<string, MemberNode>();
    for (const member of object.members) {
      const name = memberName(member);
      const earlier = byName.get(name);
      if (earlier) {
        const where = path ? `${path}.${name}` : name;
        this.report(
          'duplicate-key',
          'WARNING',
          where,
          earlier.name,
          `\`${name}\` appears more than once in this object; only the last one counts`,
          'merge the duplicate entries into one',
          name,
        );
      }
      byName.set(name, member);
    }
    return byName;
  }

  located(node: AnyNode): Located {
    return { value: this.textOf(node), at: spanOf(node) };
  }

  /** A scalar's value: strings unescaped, numbers and booleans as written in the JSON text. */
  textOf(node: AnyNode): string {
    if (node.type === 'String') return node.value;
    return this.text.slice(node.loc.start.offset, node.loc.end.offset);
  }
}

export function memberName(member: MemberNode): string {
  return member.name.type === 'String' ? member.name.value : member.name.name;
}

export function jsonType(node: AnyNode): string {
  switch (node.type) {
    case 'String':
      return 'a string';
    case 'Number':
      return 'a number';
    case 'Boolean':
      return 'a boolean';
    case 'Null':
      return '`null`';
    case 'Array':
      return 'an array';
    case 'Object':
      return 'an object';
    default:
      return 'a json5 value';
  }
}
