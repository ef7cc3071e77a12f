import type { Statement } from '../types.js';
import { globCovers } from './arn-pattern.js';
import { type CheckContext, report, statementPath, valuePath } from './check-context.js';

// Security warnings: Allow statements broader than they look.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
export function checkSecurity(ctx: CheckContext): void {
  for (const statement of ctx.doc.statements) {
    if (statement.effect.value !== 'Allow') continue;
    const path = statementPath(statement);
    const principal = statement.principal;
    if (principal?.not) {
      report(
        ctx,
        'allow-with-not-principal',
        'SECURITY_WARNING',
        `${path}.NotPrincipal`,
        principal.at,
        '`Allow` with `NotPrincipal` grants access to everyone not listed, anonymous users included',
        'list the principals to allow in `Principal` instead',
      );
    } else if (principal && isEveryone(statement) && statement.conditions.length === 0) {
      report(
        ctx,
        'public-principal-without-condition',
        'SECURITY_WARNING',
        `${path}.Principal`,
        principal.at,
        '`"Principal": "*"` without a `Condition` allows anyone, anonymous users included',
        'name the principals, or add a condition such as `aws:PrincipalOrgID` or `aws:SourceArn`',
      );
    }
    if (statement.action.not) {
      report(
        ctx,
        'allow-with-not-action',
        'SECURITY_WARNING',
        `${path}.NotAction`,
        statement.action.at,
        '`Allow` with `NotAction` allows every action not listed, including actions added to aws later',
        'list the allowed actions in `Action`',
      );
    }
    if (statement.resource?.not) {
      report(
        ctx,
        'allow-with-not-resource',
        'SECURITY_WARNING',
        `${path}.NotResource`,
        statement.resource.at,
        '`Allow` with `NotResource` allows every resource not listed',
        'list the allowed resources in `Resource`',
      );
    }
    checkPassRole(ctx, statement);
  }
}

function isEveryone(statement: Statement): boolean {
  const principal = statement.principal;
  return (
    !!principal &&
    (principal.wildcard || principal.entries.some((e) => e.type === 'AWS' && e.value.value === '*'))
  );
}

// iam:PassRole on every role lets the caller hand any role to any service.
function checkPassRole(ctx: CheckContext, statement: Statement): void {
  const resource = statement.resource;
  if (!resource) return;
  const passes = statement.action.not
    ? !statement.action.values.some((a) => globCovers(a.value.toLowerCase(), 'iam:passrole'))
    : statement.action.values.some((a) => globCovers(a.value.toLowerCase(), 'iam:passrole'));
  if (!passes) return;
  const star = resource.values.findIndex((r) => r.value === '*');
  if (!resource.not && star < 0) return;
  const at = resource.not ? resource.at : (resource.values[star]?.at ?? resource.at);
  report(
    ctx,
    resource.not ? 'pass-role-with-not-resource' : 'pass-role-with-star-in-resource',
    'SECURITY_WARNING',
    resource.not ? `${statementPath(statement)}.NotResource` : valuePath(statement, 'Resource', star),
    at,
    resource.not
      ? '`iam:PassRole` with `NotResource` lets the caller pass almost any role to a service'
      : '`iam:PassRole` on `"*"` lets the caller pass any role to any service',
    'name the role arns, and add the `iam:PassedToService` condition key',
  );
}
