import { loadCatalogue } from '../../catalogue/load-catalogue.js';
import type { Finding } from '../types.js';
import { lintPolicy } from './lint-policy.js';
import type { PolicyKind } from './policy-kind.js';

// Shared by the validate tests: lint a policy given as an object (or a list of statements).

export const catalogue = loadCatalogue();

export function lintStatements(
  statements: object[] | object,
  kind: PolicyKind = 'identity',
  options: { catalogue?: boolean; version?: string | null } = {},
): Finding[] {
  const policy: Record<string, unknown> = {};
  if (options.version !== null) policy.Version = options.version ?? '2012-10-17';
  policy.Statement = statements;
  const text = JSON.stringify(policy, null, 2);
  return lintPolicy(text, { kind, catalogue: options.catalogue === false ? undefined : catalogue });
}

export function codesOf(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

export function withCode(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}
