import type { PrincipalEntry, Statement } from '../types.js';
import { splitArn } from './arn-pattern.js';
import { type CheckContext, principalElement, report, statementPath } from './check-context.js';
import { ACCOUNT_ID, PARTITIONS } from './partitions.js';

// Principal values by type: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
export function checkPrincipals(ctx: CheckContext): void {
  for (const statement of ctx.doc.statements) {
    const block = statement.principal;
    if (!block) continue;
    const counters = new Map<string, number>();
    for (const entry of block.entries) {
      const index = counters.get(entry.type) ?? 0;
      counters.set(entry.type, index + 1);
      const problem = principalProblem(entry);
      if (!problem) continue;
      report(
        ctx,
        problem.code,
        'ERROR',
        `${statementPath(statement)}.${principalElement(statement)}.${entry.type}[${index}]`,
        entry.value.at,
        problem.message,
        problem.fix,
        entry.value.value,
      );
    }
    checkRcpPrincipal(ctx, statement);
  }
}

interface Problem {
  code: string;
  message: string;
  fix: string;
}

function principalProblem({ type, value: { value } }: PrincipalEntry): Problem | undefined {
  const shown = `\`${value}\``;
  if (type !== 'AWS' || value !== '*') {
    if (/[*?]/.test(value)) {
      return {
        code: 'unsupported-wildcard-in-principal',
        message: `wildcards are not allowed in the ${type} principal ${shown}`,
        fix: 'name the principal exactly, or use `"*"` with a condition such as `aws:PrincipalArn`',
      };
    }
  }
  switch (type) {
    case 'AWS':
      return value === '*' || isAwsPrincipal(value)
        ? undefined
        : {
            code: 'invalid-principal-arn',
            message: `${shown} is not an account id or an iam principal arn`,
            fix: 'use a 12-digit account id or an arn like `arn:aws:iam::111122223333:role/name`',
          };
    case 'Service':
      return /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com|c2s\.ic\.gov|sc2s\.sgov\.gov)$/.test(
        value,
      )
        ? undefined
        : {
            code: 'invalid-service-principal-format',
            message: `${shown} is not a service principal`,
            fix: 'use the service principal name, e.g. `ec2.amazonaws.com`',
          };
    case 'Federated':
      return isFederatedPrincipal(value)
        ? undefined
        : {
            code: 'invalid-federated-principal',
            message: `${shown} is not an identity provider`,
            fix: 'use a saml-provider or oidc-provider arn, or `cognito-identity.amazonaws.com`, `www.amazon.com`, `graph.facebook.com`, `accounts.google.com`',
          };
    case 'CanonicalUser':
      return /^[0-9a-f]{64}$/.test(value)
        ? undefined
        : {
            code: 'invalid-canonical-user',
            message: `${shown} is not a canonical user id (64 hexadecimal digits)`,
            fix: 'copy the canonical user id from the account’s s3 settings',
          };
  }
}

// INVARIANT: existence of the named entity is checked where policies are stored (the store knows accounts).
function isAwsPrincipal(value: string): boolean {
  if (ACCOUNT_ID.test(value)) return true;
  // A deleted principal stays in a stored policy as its unique id.
  if (/^A(IDA|ROA)[A-Z0-9]{13,}$/.test(value)) return true;
  const arn = splitArn(value);
  if (!arn || !PARTITIONS.includes(arn.partition) || arn.region !== '' || !ACCOUNT_ID.test(arn.account))
    return false;
  if (arn.service === 'iam')
    return /^(root|(user|role)\/.+|federated-user\/.+|assumed-role\/[^/]+\/.+)$/.test(arn.resource);
  if (arn.service === 'sts') return /^(assumed-role\/[^/]+\/.+|federated-user\/.+)$/.test(arn.resource);
  return false;
}

function isFederatedPrincipal(value: string): boolean {
  const arn = splitArn(value);
  if (arn) {
    return (
      arn.service === 'iam' &&
      ACCOUNT_ID.test(arn.account) &&
      /^(saml-provider|oidc-provider)\/.+$/.test(arn.resource)
    );
  }
  return /^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(\/[\w./-]*)?$/i.test(value);
}

// RCPs apply to every principal: their Principal must be "*".
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
function checkRcpPrincipal(ctx: CheckContext, statement: Statement): void {
  const block = statement.principal;
  if (ctx.kind !== 'rcp' || !block || block.wildcard) return;
  report(
    ctx,
    'rcp-principal-must-be-wildcard',
    'ERROR',
    `${statementPath(statement)}.${principalElement(statement)}`,
    block.at,
    'a resource control policy must use `"Principal": "*"`',
    'write `"Principal": "*"` and narrow it with conditions such as `aws:PrincipalAccount`',
  );
}
