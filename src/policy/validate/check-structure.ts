import type { Statement } from '../types.js';
import {
  type CheckContext,
  code,
  principalElement,
  report,
  resourceElement,
  statementPath,
} from './check-context.js';
import { PRINCIPAL_FORBIDDEN, PRINCIPAL_REQUIRED, RESOURCE_REQUIRED, STRICT_SID } from './policy-kind.js';

// Which elements each kind of policy must or must not have, following Access Analyzer's checks
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html).
export function checkStructure(ctx: CheckContext): void {
  for (const statement of ctx.doc.statements) {
    checkPrincipalPresence(ctx, statement);
    checkResourcePresence(ctx, statement);
    if (statement.action.values.length === 0) {
      // IAM rejects an empty Action array like a missing one ("Policy statement must contain actions.").
      report(
        ctx,
        'missing-action',
        'ERROR',
        `${statementPath(statement)}.${statement.action.not ? 'NotAction' : 'Action'}`,
        statement.action.at,
        'the statement lists no actions',
        'name at least one action, e.g. `"Action": "s3:GetObject"`',
      );
    }
  }
  checkSids(ctx);
}

function checkPrincipalPresence(ctx: CheckContext, statement: Statement): void {
  const path = statementPath(statement);
  if (statement.principal && PRINCIPAL_FORBIDDEN.includes(ctx.kind)) {
    report(
      ctx,
      'unsupported-principal',
      'ERROR',
      `${path}.${principalElement(statement)}`,
      statement.principal.at,
      `a ${ctx.kind} policy cannot have a \`${principalElement(statement)}\` element`,
      'remove it: the policy applies to the identity it is attached to',
    );
  }
  if (!statement.principal && PRINCIPAL_REQUIRED.includes(ctx.kind)) {
    report(
      ctx,
      'missing-principal',
      'ERROR',
      path,
      statement.at,
      `the statement has no \`Principal\`; a ${ctx.kind} policy must say whom it applies to`,
      'add a `Principal`, e.g. `"Principal": {"AWS": "arn:aws:iam::111122223333:root"}`',
    );
  }
  if (ctx.kind === 'trust' && statement.principal?.not) {
    report(
      ctx,
      'role-trust-policy-syntax-error-notprincipal',
      'ERROR',
      `${path}.NotPrincipal`,
      statement.principal.at,
      'a role trust policy cannot use `NotPrincipal`',
      'name the trusted principals in `Principal`',
    );
  }
}

function checkResourcePresence(ctx: CheckContext, statement: Statement): void {
  const path = statementPath(statement);
  const resource = statement.resource;
  if (ctx.kind === 'trust') {
    if (resource) {
      report(
        ctx,
        'role-trust-policy-syntax-error-resource',
        'ERROR',
        `${path}.${resourceElement(statement)}`,
        resource.at,
        `a role trust policy cannot have a \`${resourceElement(statement)}\`: it applies to its role`,
        'remove the element',
      );
    }
    return;
  }
  if (RESOURCE_REQUIRED.includes(ctx.kind) && (!resource || resource.values.length === 0)) {
    report(
      ctx,
      'missing-resource',
      'ERROR',
      resource ? `${path}.${resourceElement(statement)}` : path,
      resource?.at ?? statement.at,
      resource
        ? 'the statement lists no resources'
        : `the statement has no \`Resource\` (required in a ${ctx.kind} policy)`,
      'add `"Resource"` with the ARNs the statement covers, or `"*"`',
    );
  }
}

function checkSids(ctx: CheckContext): void {
  const strict = STRICT_SID.includes(ctx.kind);
  const seen = new Map<string, Statement>();
  for (const statement of ctx.doc.statements) {
    const sid = statement.sid;
    if (!sid) continue;
    const path = `${statementPath(statement)}.Sid`;
    if (sid.value === '') {
      report(
        ctx,
        'empty-sid-value',
        'SUGGESTION',
        path,
        sid.at,
        'the `Sid` is empty',
        'remove it or name it',
      );
      continue;
    }
    if (strict && !/^[A-Za-z0-9]+$/.test(sid.value)) {
      report(
        ctx,
        'unsupported-sid',
        'ERROR',
        path,
        sid.at,
        `sid ${code(sid)} may use only letters and digits in a ${ctx.kind} policy`,
        `write \`${sid.value.replace(/[^A-Za-z0-9]/g, '') || 'Stmt1'}\``,
        sid.value,
      );
    }
    const first = seen.get(sid.value);
    if (first) {
      report(
        ctx,
        strict ? 'unique-sids-required' : 'unique-sids-recommended',
        strict ? 'ERROR' : 'WARNING',
        path,
        sid.at,
        `sid ${code(sid)} is already used by statement ${first.index}`,
        'give every statement its own `Sid`',
        sid.value,
      );
    } else seen.set(sid.value, statement);
  }
}
