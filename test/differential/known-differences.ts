// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
// Where the two engines are known to read a policy form differently. Each entry names the form, says
// which engine departs from AWS (with the page that settles it), and rewrites the case into a form
// with the same meaning under AWS's documented rules that the erring engine reads correctly. A
// disagreement counts as explained only if, after the rewrites, both engines agree, and on the
// verdict of the engine that was right. So an entry cannot hide an unrelated bug.
//
// - 'iam-simulate': iam-simulate departs from AWS's documentation; trustlab follows it.
// - 'unsettled': AWS's documentation does not decide; the two engines made different choices.
// - 'trustlab': trustlab departs from AWS. These are open bugs, reported to the policy room; the
//   entry is here so the differential keeps running, and must be deleted once the bug is fixed
//   (differential.test.ts fails when an entry no longer reproduces).

import { isDeepStrictEqual } from 'node:util';
import type { DiffCase, StatementJson } from './case.js';
import {
  allPolicies,
  asList,
  awsPrincipals,
  callerAccount,
  callerRoleArn,
  hasContextKey,
  isSessionCaller,
  mapStatements,
  statementsOf,
  variablesIn,
} from './case-rewrite.js';

export type WrongEngine = 'iam-simulate' | 'trustlab' | 'unsettled';

export interface KnownDifference {
  name: string;
  wrong: WrongEngine;
  /** What AWS documents, and what the erring engine does instead. */
  explanation: string;
  doc: string;
  /** At most this many of the differential test's generated cases may be explained by this entry. */
  maxCases: number;
  applies(c: DiffCase): boolean;
  /** The case in a form that means the same under AWS's rules and that the erring engine reads right. */
  rewrite(c: DiffCase): DiffCase;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    name: 'not-principal-account-entry',
    wrong: 'iam-simulate',
    explanation:
      'A Deny with NotPrincipal listing a user and its account (`arn:aws:iam::A:root` or `A`) denies every ' +
      'other principal of account A: AWS\'s own example "all principals except the user named Bob in AWS ' +
      'account 444455556666 are explicitly denied" lists both Bob and the account root. iam-simulate treats ' +
      'the account entry as exempting every principal of that account, so the deny does not apply.',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
    maxCases: 40,
    applies: (c) =>
      notPrincipalDenies(c).some((s) => {
        const listed = awsPrincipals(s.NotPrincipal);
        return (
          listed.some((p) => isCallerAccount(c, p)) && !listed.some((p) => callerIdentities(c).includes(p))
        );
      }),
    // For a caller that is not the account's root user, the account entry exempts nobody: drop it.
    rewrite: (c) => withoutNotPrincipalEntries(c, (p) => isCallerAccount(c, p)),
  },
  {
    name: 'not-principal-incomplete-chain',
    wrong: 'unsettled',
    explanation:
      'A Deny with NotPrincipal that lists the caller (user or session ARN, or its role) but not every level ' +
      'of its chain (user + account; session + role + account). AWS: "you must also specify the account ARN ' +
      'of the not-denied principal. Otherwise, the policy might deny access to the entire account", and for ' +
      'sessions "AWS might validate the account first, then the role, and then the assumed-role user". ' +
      'trustlab takes the strict reading (denied unless every level is listed); iam-simulate exempts the ' +
      'caller when any of its own ARNs is listed.',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
    maxCases: 60,
    applies: (c) =>
      notPrincipalDenies(c).some((s) => {
        const listed = awsPrincipals(s.NotPrincipal);
        const chain = [...callerIdentities(c), `arn:aws:iam::${callerAccount(c)}:root`];
        const levels = chain.map(
          (p) => listed.includes(p) || (p.endsWith(':root') && listed.includes(callerAccount(c))),
        );
        return levels.some((l, i) => l && i < chain.length - 1) && !levels.every(Boolean);
      }),
    // trustlab's reading: an incompletely listed caller is not exempt, exactly as if it were not listed.
    rewrite: (c) =>
      withoutNotPrincipalEntries(c, (p) => callerIdentities(c).includes(p) || isCallerAccount(c, p)),
  },
  {
    name: 'not-resource-variable-without-value',
    wrong: 'iam-simulate',
    explanation:
      'AWS: "If a variable that has no value in the authorization context is used as part of the Resource or ' +
      'NotResource element of a policy, the resource that includes a policy variable with no value will not ' +
      'match any resource." A NotResource entry that matches no resource excludes nothing, so the statement ' +
      'applies. iam-simulate treats the unresolvable entry as making the whole statement not apply.',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value',
    maxCases: 60,
    applies: (c) =>
      allPolicies(c).some((p) =>
        statementsOf(p).some((s) => asList(s.NotResource).some((r) => hasUnsetVariable(c, r))),
      ),
    rewrite: (c) =>
      mapStatements(c, (s) => {
        if (s.NotResource === undefined) return s;
        const kept = asList(s.NotResource).filter((r) => !hasUnsetVariable(c, r));
        if (kept.length > 0) return { ...s, NotResource: kept };
        const { NotResource: _, ...rest } = s;
        return { ...rest, Resource: '*' };
      }),
  },
  {
    name: 'negated-operator-variable-without-value',
    wrong: 'iam-simulate',
    explanation:
      'AWS: "Inverted condition operators like StringNotEquals or StringNotLike do match against a null ' +
      'value, as the value of the condition key they are testing against is not equal to or like the ' +
      'effectively null value." So StringNotLike {s3:prefix: "${aws:username}/*"} holds for a role session ' +
      '(no aws:username). iam-simulate treats the unresolvable policy value as failing the condition.',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value',
    maxCases: 60,
    applies: (c) => allPolicies(c).some((p) => statementsOf(p).some((s) => negatedUnsetEntries(c, s) > 0)),
    rewrite: (c) => mapStatements(c, (s) => withoutNegatedUnsetValues(c, s)),
  },
  {
    name: 'bare-ip-address-other-family',
    wrong: 'iam-simulate',
    explanation:
      'An IP address written without a prefix means that single address ("If you specify an IP address ' +
      'without the associated routing prefix, IAM uses the default prefix value of /32"), so NotIpAddress ' +
      '`198.51.100.7` holds for an IPv6 source. iam-simulate answers false for a bare address of the other ' +
      'family, for NotIpAddress as for IpAddress.',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress',
    maxCases: 40,
    applies: (c) => allPolicies(c).some((p) => statementsOf(p).some((s) => bareIpValues(s) > 0)),
    rewrite: (c) => mapStatements(c, withIpPrefixes),
  },
  {
    name: 'wildcard-principal-and-session-policy',
    wrong: 'unsettled',
    explanation:
      'Same account, a role session with a session policy that does not allow the action, and a resource ' +
      'policy allowing Principal "*". AWS documents direct grants to a session ARN (not limited by the session ' +
      'policy) and grants to a role ARN (limited), but not the wildcard. trustlab treats "*" as naming the ' +
      'caller itself (allowed); iam-simulate lets the session policy limit it (implicit deny).',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html',
    maxCases: 60,
    applies: (c) =>
      isSessionCaller(c) &&
      c.sessionPolicies.length > 0 &&
      c.request.resourceAccount === callerAccount(c) &&
      resourceAllows(c).some((s) => awsPrincipals(s.Principal).includes('*')),
    // trustlab's reading: a wildcard grant is a grant to the caller itself.
    rewrite: (c) =>
      mapStatements(c, (s, where) =>
        where === 'resource' && s.Effect === 'Allow' && awsPrincipals(s.Principal).includes('*')
          ? { ...s, Principal: { AWS: c.request.principal } }
          : s,
      ),
  },
  {
    name: 'session-arn-grant-not-limited-by-session-policy',
    wrong: 'iam-simulate',
    explanation:
      'Within one account, "resource-based policies that grant permissions to an IAM role session ARN grant ' +
      'permissions directly to the assumed role session. Permissions granted directly to a session are not ' +
      'limited by an implicit deny in an identity-based policy, a permissions boundary, or session policy." ' +
      'iam-simulate lets a session policy that does not allow the action deny the request anyway.',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html',
    maxCases: 60,
    applies: (c) =>
      isSessionCaller(c) &&
      c.sessionPolicies.length > 0 &&
      c.request.resourceAccount === callerAccount(c) &&
      resourceAllows(c).some((s) => awsPrincipals(s.Principal).includes(c.request.principal)),
    rewrite: keepOnlyDirectSessionGrant,
  },
];

/**
 * Explains a disagreement: rewrites the case with every entry that applies (one at a time, then all
 * in list order) and returns the entries used when the engines then agree on the verdict of the engine
 * those entries say was right.
 */
export async function explainDisagreement(
  c: DiffCase,
  verdicts: { trustlab: string; iamSimulate: string },
  run: (c: DiffCase) => Promise<{ trustlab: string | undefined; iamSimulate: string | undefined }>,
): Promise<KnownDifference[] | undefined> {
  const applicable = KNOWN_DIFFERENCES.filter((d) => d.applies(c));
  // Rewrites can enable one another (a wildcard principal becomes the session ARN), so the combined
  // attempt walks the whole list in order, checking each entry against the case rewritten so far.
  const attempts = [...applicable.map((d) => [d]), KNOWN_DIFFERENCES];
  for (const attempt of attempts) {
    let rewritten = c;
    const used: KnownDifference[] = [];
    for (const d of attempt) {
      if (!d.applies(rewritten)) continue;
      rewritten = d.rewrite(rewritten);
      used.push(d);
    }
    if (used.length === 0 || isDeepStrictEqual(rewritten, c)) continue;
    const after = await run(rewritten);
    if (after.trustlab === undefined || after.trustlab !== after.iamSimulate) continue;
    const trustlabWrong = used.some((d) => d.wrong === 'trustlab');
    const iamSimulateWrong = used.some((d) => d.wrong !== 'trustlab');
    const expected = trustlabWrong && !iamSimulateWrong ? verdicts.iamSimulate : verdicts.trustlab;
    if (trustlabWrong && iamSimulateWrong) return used;
    if (after.trustlab === expected) return used;
  }
  return undefined;
}

// ---- helpers --------------------------------------------------------------------------------

function resourceAllows(c: DiffCase): StatementJson[] {
  return statementsOf(c.resourcePolicy).filter((s) => s.Effect === 'Allow' && s.Principal !== undefined);
}

function notPrincipalDenies(c: DiffCase): StatementJson[] {
  return statementsOf(c.resourcePolicy).filter((s) => s.Effect === 'Deny' && s.NotPrincipal !== undefined);
}

/** The caller's own ARNs a NotPrincipal may list: user or session ARN, then the role ARN. */
function callerIdentities(c: DiffCase): string[] {
  const role = callerRoleArn(c);
  return role ? [c.request.principal, role] : [c.request.principal];
}

/** Drops NotPrincipal entries (resource-policy denies); an emptied NotPrincipal excludes nobody: `*`. */
function withoutNotPrincipalEntries(c: DiffCase, drop: (principal: string) => boolean): DiffCase {
  return mapStatements(c, (s, where) => {
    if (where !== 'resource' || s.Effect !== 'Deny' || s.NotPrincipal === undefined) return s;
    const kept = awsPrincipals(s.NotPrincipal).filter((p) => !drop(p));
    if (kept.length > 0) return { ...s, NotPrincipal: { AWS: kept } };
    const { NotPrincipal: _, ...rest } = s;
    return { ...rest, Principal: '*' };
  });
}

function isCallerAccount(c: DiffCase, principal: string): boolean {
  const account = callerAccount(c);
  return principal === account || principal === `arn:aws:iam::${account}:root`;
}

function hasUnsetVariable(c: DiffCase, value: string): boolean {
  return variablesIn(value).some((key) => !hasContextKey(c, key));
}

/**
 * The session-ARN rewrite: session-policy denies move to an identity policy (a deny counts wherever it
 * is), the session policy goes, and the only allows left are resource-policy statements naming the
 * session ARN. iam-simulate then allows exactly when such a direct grant applies and nothing denies,
 * which is AWS's answer for the original case.
 */
function keepOnlyDirectSessionGrant(c: DiffCase): DiffCase {
  const denies = c.sessionPolicies.flatMap((p) => statementsOf(p).filter((s) => s.Effect === 'Deny'));
  const identity = [
    ...c.identityPolicies.map((p) => statementsOf(p).filter((s) => s.Effect === 'Deny')),
    denies,
  ]
    .filter((statements) => statements.length > 0)
    .map((statements) => ({ Version: '2012-10-17', Statement: statements }));
  const resource = statementsOf(c.resourcePolicy).filter(
    (s) => s.Effect === 'Deny' || awsPrincipals(s.Principal).includes(c.request.principal),
  );
  return structuredClone({
    ...c,
    identityPolicies: identity,
    resourcePolicy: resource.length > 0 ? { Version: '2012-10-17', Statement: resource } : null,
    sessionPolicies: [],
  });
}

const IP_OPERATOR = /^(Not)?IpAddress(IfExists)?$/;
const BARE_IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const BARE_IPV6 = /^[0-9a-fA-F:]+$/;

function conditionBlock(s: StatementJson): Record<string, Record<string, unknown>> {
  return (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
}

function bareIpValues(s: StatementJson): number {
  let count = 0;
  for (const [operator, entries] of Object.entries(conditionBlock(s))) {
    if (!IP_OPERATOR.test(operator)) continue;
    for (const value of Object.values(entries)) count += asList(value).filter(isBareIp).length;
  }
  return count;
}

function isBareIp(value: string): boolean {
  return BARE_IPV4.test(value) || (value.includes(':') && BARE_IPV6.test(value));
}

function withIpPrefixes(s: StatementJson): StatementJson {
  if (bareIpValues(s) === 0) return s;
  const condition: Record<string, Record<string, unknown>> = {};
  for (const [operator, entries] of Object.entries(conditionBlock(s))) {
    if (!IP_OPERATOR.test(operator)) {
      condition[operator] = entries;
      continue;
    }
    condition[operator] = Object.fromEntries(
      Object.entries(entries).map(([key, value]) => [
        key,
        asList(value).map((v) => (BARE_IPV4.test(v) ? `${v}/32` : isBareIp(v) ? `${v}/128` : v)),
      ]),
    );
  }
  return { ...s, Condition: condition };
}

const NEGATED_BASE =
  /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike)(IfExists)?$/;

function isNegatedOperator(operator: string): boolean {
  return NEGATED_BASE.test(operator.replace(/^(ForAnyValue|ForAllValues):/, ''));
}

function negatedUnsetEntries(c: DiffCase, s: StatementJson): number {
  let count = 0;
  for (const [operator, entries] of Object.entries(conditionBlock(s))) {
    if (!isNegatedOperator(operator)) continue;
    for (const value of Object.values(entries))
      if (asList(value).some((v) => hasUnsetVariable(c, v))) count++;
  }
  return count;
}

/**
 * A negated entry's unresolvable values match nothing, so "matches none of them" ignores them. When
 * none is left: plain and ForAllValues entries always hold (missing keys hold for negated operators
 * too), so the entry goes; ForAnyValue holds exactly when the key has a value, which is Null false.
 */
function withoutNegatedUnsetValues(c: DiffCase, s: StatementJson): StatementJson {
  if (negatedUnsetEntries(c, s) === 0) return s;
  const condition: Record<string, Record<string, unknown>> = {};
  const add = (operator: string, key: string, value: unknown) => {
    const entries = condition[operator] ?? {};
    entries[key] = value;
    condition[operator] = entries;
  };
  for (const [operator, entries] of Object.entries(conditionBlock(s))) {
    for (const [key, value] of Object.entries(entries)) {
      const values = asList(value);
      if (!isNegatedOperator(operator) || !values.some((v) => hasUnsetVariable(c, v))) {
        add(operator, key, value);
        continue;
      }
      const kept = values.filter((v) => !hasUnsetVariable(c, v));
      if (kept.length > 0) add(operator, key, kept);
      else if (operator.startsWith('ForAnyValue:')) add('Null', key, 'false');
    }
  }
  const { Condition: _, ...rest } = s;
  return Object.keys(condition).length > 0 ? { ...rest, Condition: condition } : rest;
}
