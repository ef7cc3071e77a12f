import type { Finding, PolicyDoc, PolicyVersion, Statement } from '../types.js';
import { spanOf } from './locate.js';
import { ParseContext } from './parse-context.js';
import { parseStatement, reportUnknownElement } from './parse-statement.js';
import { readJson } from './read-json.js';

export interface ParseResult {
  /** Undefined when any ERROR was found: IAM would reject such a policy. */
  doc: PolicyDoc | undefined;
  findings: Finding[];
}

const POLICY_ELEMENTS = ['Version', 'Id', 'Statement'] as const;
const VERSIONS: readonly PolicyVersion[] = ['2012-10-17', '2008-10-17'];

/**
 * Policy text → PolicyDoc with the position of every element, following the grammar at
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html.
 * Never throws: every problem is a located finding.
 */
export function parsePolicy(text: string): ParseResult {
  const json = readJson(text);
  if (!json.doc) return { doc: undefined, findings: json.findings };
  const ctx = new ParseContext(text);
  const body = json.doc.body;
  if (body.type !== 'Object') {
    ctx.typeMismatch('', body, 'a json object');
    return { doc: undefined, findings: ctx.findings };
  }
  const members = ctx.members(body, '');
  for (const [name, member] of members) {
    if (!(POLICY_ELEMENTS as readonly string[]).includes(name)) {
      reportUnknownElement(name, member, name, POLICY_ELEMENTS, ctx);
    }
  }

  const doc: PolicyDoc = { version: '2008-10-17', statements: [], at: spanOf(body) };
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
  const version = members.get('Version');
  if (version) {
    const node = version.value;
    if (node.type !== 'String') ctx.typeMismatch('Version', node, 'the string `"2012-10-17"`');
    else if ((VERSIONS as readonly string[]).includes(node.value)) {
      doc.version = node.value as PolicyVersion;
      doc.versionAt = spanOf(node);
    } else {
      ctx.report(
        'invalid-version',
        'ERROR',
        'Version',
        node,
        `version \`${node.value}\` is not valid`,
        'use `"Version": "2012-10-17"`',
        node.value,
      );
    }
  }
  const id = members.get('Id');
  if (id) {
    if (id.value.type === 'String') doc.id = ctx.located(id.value);
    else ctx.typeMismatch('Id', id.value, 'a string');
  }

  const statement = members.get('Statement');
  if (!statement) {
    ctx.report(
      'missing-statement',
      'ERROR',
      '',
      body,
      'the policy has no `Statement`',
      'add a `Statement` array with at least one statement',
    );
  } else if (statement.value.type === 'Array') {
    if (statement.value.elements.length === 0) {
      ctx.report(
        'missing-statement',
        'ERROR',
        'Statement',
        statement.value,
        '`Statement` is an empty array',
        'add at least one statement',
      );
    }
    statement.value.elements.forEach((element, index) => {
      push(doc.statements, parseStatement(element.value, index, `Statement[${index}]`, ctx));
    });
  } else {
    // A single statement object is allowed; its path is still Statement[0] so paths are uniform.
    push(doc.statements, parseStatement(statement.value, 0, 'Statement[0]', ctx));
  }

  const findings = ctx.findings;
  return { doc: findings.some((f) => f.severity === 'ERROR') ? undefined : doc, findings };
}

function push(statements: Statement[], statement: Statement | undefined): void {
  if (statement) statements.push(statement);
}
