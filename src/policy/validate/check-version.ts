import type { Located, Statement } from '../types.js';
import { type CheckContext, report } from './check-context.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
export function checkVersion(ctx: CheckContext): void {
  const { doc } = ctx;
  if (!doc.versionAt) {
    report(
      ctx,
      'missing-version',
      'WARNING',
      'Version',
      { start: doc.at.start, end: doc.at.start },
      'the policy has no `Version`, so the 2008-10-17 language applies',
      'add `"Version": "2012-10-17"` before `Statement`',
    );
  }
  if (doc.version !== '2008-10-17') return;
  // Under 2008-10-17, `${aws:username}` is literal text:
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
  for (const statement of doc.statements) {
    for (const [path, value] of variableCarriers(statement)) {
      if (!value.value.includes('${')) continue;
      report(
        ctx,
        'variable-unsupported-in-version',
        'WARNING',
        path,
        value.at,
        `\`${value.value}\` holds a policy variable, but without \`"Version": "2012-10-17"\` it is literal text`,
        'add `"Version": "2012-10-17"`',
        value.value,
      );
    }
  }
}

function* variableCarriers(statement: Statement): Generator<[string, Located]> {
  const base = `Statement[${statement.index}]`;
  const element = statement.resource?.not ? 'NotResource' : 'Resource';
  for (const [i, value] of (statement.resource?.values ?? []).entries())
    yield [`${base}.${element}[${i}]`, value];
  for (const condition of statement.conditions) {
    for (const [i, value] of condition.values.entries()) {
      yield [`${base}.Condition.${condition.operator.value}["${condition.key.value}"][${i}]`, value];
    }
  }
}
