import type { Located, Statement } from '../types.js';
import { type ArnParts, arnCanMatchTemplate, splitArn } from './arn-pattern.js';
import { type Catalogue, type CatalogueAction, matchingActions } from './catalogue.js';
import { type CheckContext, code, report, valuePath } from './check-context.js';

/**
 * An action paired only with resources of types it does not support grants nothing: `s3:GetObject` on
 * `arn:aws:s3:::bucket` (a bucket, not an object) or `s3:ListBucket` on `arn:aws:s3:::bucket/*`.
 * Each action's resource types come from the Service Authorization Reference; an ARN can name a type
 * when it can match the type's ARN template. Actions without resource types need `"Resource": "*"`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
export function checkActionResources(ctx: CheckContext): void {
  const catalogue = ctx.catalogue;
  if (!catalogue) return;
  for (const statement of ctx.doc.statements) {
    const resource = statement.resource;
    if (!resource || resource.not || statement.action.not) continue;
    if (resource.values.some((r) => r.value === '*')) continue;
    // ARNs already reported as malformed are left out: one finding per mistake.
    const broken = new Set(
      ctx.findings
        .filter((f) => f.severity === 'ERROR' && f.code !== 'invalid-arn-resource')
        .map((f) => f.path),
    );
    const arns = resource.values
      .filter((_, i) => !broken.has(valuePath(statement, 'Resource', i)))
      .map((r) => splitArn(r.value))
      .filter((a): a is ArnParts => a !== undefined);
    if (arns.length === 0) continue;
    statement.action.values.forEach((action, index) => {
      if (action.value === '*' || action.value.endsWith(':*')) return;
      const actions = matchingActions(catalogue, action.value);
      if (!actions || actions.length === 0) return; // reported by the action checks
      if (actions.some((a) => arns.some((arn) => appliesTo(catalogue, a, arn)))) return;
      reportMismatch(ctx, statement, action, index, actions, arns, catalogue);
    });
  }
}

function appliesTo(catalogue: Catalogue, action: CatalogueAction, arn: ArnParts): boolean {
  if (action.resourceTypes.length === 0) return false; // only `*` names the "no resource" of such actions
  return action.resourceTypes.some((ref) => {
    const type = catalogue.resourceType(action.service, ref.name);
    return !type || arnCanMatchTemplate(arn, type.arn);
  });
}

function reportMismatch(
  ctx: CheckContext,
  statement: Statement,
  action: Located,
  index: number,
  actions: readonly CatalogueAction[],
  arns: ArnParts[],
  catalogue: Catalogue,
): void {
  const path = valuePath(statement, 'Action', index);
  const names = [...new Set(actions.flatMap((a) => a.resourceTypes.map((r) => r.name)))];
  const resources = statement.resource?.values.map((r) => code(r)).join(', ') ?? '';
  if (names.length === 0) {
    report(
      ctx,
      'action-resource-mismatch',
      'WARNING',
      path,
      action.at,
      `${code(action)} supports only \`"Resource": "*"\`, so it is granted on none of ${resources}`,
      `move ${code(action)} to a statement with \`"Resource": "*"\``,
      action.value,
    );
    return;
  }
  const shown = names.slice(0, 4).map((n) => `\`${n}\``);
  const first = actions[0];
  const template = first ? catalogue.resourceType(first.service, names[0] ?? '')?.arn : undefined;
  report(
    ctx,
    'action-resource-mismatch',
    'WARNING',
    path,
    action.at,
    `${code(action)} applies to ${shown.join(' or ')}${names.length > 4 ? ' …' : ''} resources, and ${resources} ${
      (statement.resource?.values.length ?? 0) > 1 ? 'match' : 'matches'
    } none`,
    s3Hint(action.value, arns) ??
      (template ? `name a resource like \`${template}\`` : 'check the resource arns'),
    action.value,
  );
}

/** The classic S3 slips: an object action on a bucket ARN, or a bucket action on `bucket/*`. */
function s3Hint(action: string, arns: ArnParts[]): string | undefined {
  const arn = arns.find((a) => a.service === 's3' && a.region === '' && a.account === '');
  if (!arn || !/^s3:/i.test(action)) return undefined;
  const slash = arn.resource.indexOf('/');
  if (slash < 0 && arn.resource !== '')
    return `for the bucket's objects write \`arn:${arn.partition}:s3:::${arn.resource}/*\``;
  if (slash > 0) {
    const bucket = arn.resource.slice(0, slash);
    return arn.resource.length === slash + 1
      ? `object keys are never empty: write \`arn:${arn.partition}:s3:::${bucket}/*\` for the objects, or \`arn:${arn.partition}:s3:::${bucket}\` for the bucket`
      : `for the bucket itself write \`arn:${arn.partition}:s3:::${bucket}\``;
  }
  return undefined;
}
