// Small helpers to inspect and rewrite the policies of a case (deep copies, never in place).

import type { DiffCase, PolicyJson, StatementJson } from './case.js';

export function statementsOf(policy: PolicyJson | null | undefined): StatementJson[] {
  if (!policy) return [];
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
}

/** Every policy of the case, resource policy included. */
export function allPolicies(c: DiffCase): PolicyJson[] {
  return [
    ...c.identityPolicies,
    ...(c.resourcePolicy ? [c.resourcePolicy] : []),
    ...(c.permissionsBoundary ? [c.permissionsBoundary] : []),
    ...c.sessionPolicies,
    ...c.scps.flat(),
    ...c.rcps.flat(),
  ];
}

/** A copy of the case with `fn` applied to every statement of every policy; `null` drops the statement. */
export function mapStatements(
  c: DiffCase,
  fn: (statement: StatementJson, where: 'resource' | 'other') => StatementJson | null,
): DiffCase {
  const copy = structuredClone(c);
  const map = (policy: PolicyJson, where: 'resource' | 'other'): PolicyJson => ({
    ...policy,
    Statement: statementsOf(policy)
      .map((s) => fn(s, where))
      .filter((s): s is StatementJson => s !== null),
  });
  return {
    ...copy,
    identityPolicies: copy.identityPolicies.map((p) => map(p, 'other')),
    resourcePolicy: copy.resourcePolicy ? map(copy.resourcePolicy, 'resource') : null,
    permissionsBoundary: copy.permissionsBoundary ? map(copy.permissionsBoundary, 'other') : null,
    sessionPolicies: copy.sessionPolicies.map((p) => map(p, 'other')),
    scps: copy.scps.map((level) => level.map((p) => map(p, 'other'))),
    rcps: copy.rcps.map((level) => level.map((p) => map(p, 'other'))),
  };
}

export function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The AWS principal entries of a Principal / NotPrincipal value; `*` for the wildcard forms. */
export function awsPrincipals(value: unknown): string[] {
  if (value === '*') return ['*'];
  if (typeof value === 'object' && value !== null) return asList((value as { AWS?: unknown }).AWS);
  return [];
}

/** Whether a context key is present in the request (keys are case-insensitive). */
export function hasContextKey(c: DiffCase, key: string): boolean {
  const lower = key.toLowerCase();
  return Object.keys(c.request.context).some((k) => k.toLowerCase() === lower);
}

/** The context keys that `${…}` policy variables in `value` reference. */
export function variablesIn(value: string): string[] {
  return [...value.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1] ?? '');
}

export function callerAccount(c: DiffCase): string {
  return c.request.principal.split(':')[4] ?? '';
}

export function isSessionCaller(c: DiffCase): boolean {
  return c.request.principal.includes(':assumed-role/');
}

/** For a role session (`arn:aws:sts::A:assumed-role/R/S`), the role's ARN (the universe has no role paths). */
export function callerRoleArn(c: DiffCase): string | undefined {
  const m = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(c.request.principal);
  return m ? `arn:aws:iam::${m[1]}:role/${m[2]}` : undefined;
}
