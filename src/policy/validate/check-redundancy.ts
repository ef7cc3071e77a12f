import type { Located, Statement } from '../types.js';
import { globCovers } from './arn-pattern.js';
import { matchingActions } from './catalogue.js';
import {
  actionElement,
  type CheckContext,
  code,
  report,
  resourceElement,
  valuePath,
} from './check-context.js';

// Suggestions: entries and statements that add nothing (Access Analyzer's Redundant action / resource /
// statement). https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
export function checkRedundancy(ctx: CheckContext): void {
  const seen = new Map<string, Statement>();
  for (const statement of ctx.doc.statements) {
    const actionCovers = (general: string, specific: string) =>
      globCovers(general.toLowerCase(), specific.toLowerCase()) || expandedCovers(ctx, general, specific);
    redundantEntries(
      ctx,
      statement,
      statement.action.values,
      actionElement(statement),
      'redundant-action',
      actionCovers,
    );
    if (statement.resource) {
      redundantEntries(
        ctx,
        statement,
        statement.resource.values,
        resourceElement(statement),
        'redundant-resource',
        globCovers,
      );
    }
    const key = canonical(statement);
    const first = seen.get(key);
    if (first) {
      report(
        ctx,
        'redundant-statement',
        'SUGGESTION',
        `Statement[${statement.index}]`,
        statement.at,
        `statement ${statement.index} grants exactly what statement ${first.index} grants`,
        'remove one of the two statements',
      );
    } else seen.set(key, statement);
  }
}

function redundantEntries(
  ctx: CheckContext,
  statement: Statement,
  values: readonly Located[],
  element: string,
  findingCode: string,
  covers: (general: string, specific: string) => boolean,
): void {
  values.forEach((value, index) => {
    const coveredBy = values.find(
      // Two entries that cover each other (`s3:Get*`, `S3:get*`): only the later one is redundant.
      (other, j) =>
        j !== index && covers(other.value, value.value) && (j < index || !covers(value.value, other.value)),
    );
    if (!coveredBy) return;
    report(
      ctx,
      findingCode,
      'SUGGESTION',
      valuePath(statement, element, index),
      value.at,
      coveredBy.value === value.value
        ? `${code(value)} is listed twice`
        : `${code(value)} is already covered by ${code(coveredBy)}`,
      `remove ${code(value)}`,
      value.value,
    );
  });
}

/** With a catalogue, `s3:GetObject*` is covered by `s3:Get*` when every action it names is. */
function expandedCovers(ctx: CheckContext, general: string, specific: string): boolean {
  if (!ctx.catalogue || general === specific || !/[*?]/.test(general)) return false;
  const inner = matchingActions(ctx.catalogue, specific);
  const outer = matchingActions(ctx.catalogue, general);
  if (!inner || !outer || inner.length === 0) return false;
  const names = new Set(outer.map((a) => `${a.service}:${a.name}`));
  return inner.every((a) => names.has(`${a.service}:${a.name}`));
}

function canonical(statement: Statement): string {
  const sorted = (values: readonly Located[] | undefined) => (values ?? []).map((v) => v.value).sort();
  return JSON.stringify([
    statement.effect.value,
    statement.principal
      ? [
          statement.principal.not,
          statement.principal.wildcard,
          statement.principal.entries.map((e) => `${e.type}=${e.value.value}`).sort(),
        ]
      : null,
    statement.action.not,
    sorted(statement.action.values).map((a) => a.toLowerCase()),
    statement.resource ? [statement.resource.not, sorted(statement.resource.values)] : null,
    statement.conditions
      .map((c) => JSON.stringify([c.operator.value, c.key.value.toLowerCase(), sorted(c.values)]))
      .sort(),
  ]);
}
