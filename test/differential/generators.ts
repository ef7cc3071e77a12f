// fast-check arbitraries for differential cases: realistic identity, resource, boundary, session,
// SCP and RCP policies over the small universe in universe.ts, and requests that fit their action
// (only condition keys AWS sends for that action, the resource's real account).

import fc from 'fast-check';
import type { ContextJson, DiffCase, PolicyJson, StatementJson } from './case.js';
import { ALL_KEYS, type KeySpec, OPERATORS, REQUEST_KEYS } from './condition-keys.js';
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS } from './managed-policies.js';
import {
  ACTION_PATTERNS,
  ACTIONS,
  AWS_PRINCIPALS,
  BUCKETS,
  CALLERS,
  type Caller,
  IAM_ROLES,
  IAM_USERS,
  IDENTITY_RESOURCE_PATTERNS,
  OBJECT_KEYS,
  type ResourceKind,
} from './universe.js';

export interface GeneratedRequest {
  caller: Caller;
  action: string;
  kind: ResourceKind;
  resource: string;
  resourceAccount: string;
  /** Bucket name for s3 bucket/object requests: the resource policy is that bucket's policy. */
  bucket?: string;
  context: ContextJson;
}

export const requestArb: fc.Arbitrary<GeneratedRequest> = fc
  .record({
    caller: fc.constantFrom(...CALLERS),
    action: fc.constantFrom(...ACTIONS),
    bucket: fc.constantFrom(...BUCKETS),
    key: fc.constantFrom(...OBJECT_KEYS),
    user: fc.constantFrom(...IAM_USERS),
    role: fc.constantFrom(...IAM_ROLES),
    optional: fc.array(fc.tuple(fc.boolean(), fc.nat()), {
      minLength: REQUEST_KEYS.length,
      maxLength: REQUEST_KEYS.length,
    }),
  })
  .map(({ caller, action, bucket, key, user, role, optional }) => {
    const base = { caller, action: action.action, kind: action.kind };
    const context = requestContext(caller, action.action, optional);
    switch (action.kind) {
      case 'object':
        return {
          ...base,
          resource: `arn:aws:s3:::${bucket.name}/${key}`,
          resourceAccount: bucket.account,
          bucket: bucket.name,
          context,
        };
      case 'bucket':
        return {
          ...base,
          resource: `arn:aws:s3:::${bucket.name}`,
          resourceAccount: bucket.account,
          bucket: bucket.name,
          context,
        };
      case 'star':
        return { ...base, resource: '*', resourceAccount: caller.account, context };
      case 'user':
        return { ...base, resource: user, resourceAccount: accountOf(user), context };
      default:
        return { ...base, resource: role, resourceAccount: accountOf(role), context };
    }
  });

/** A condition block: 0-2 operators, one key each, 1-2 values. */
export const conditionArb: fc.Arbitrary<Record<string, Record<string, string | string[]>> | undefined> =
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    {
      weight: 4,
      arbitrary: fc.array(conditionEntryArb(), { minLength: 1, maxLength: 2 }).map((entries) => {
        const block: Record<string, Record<string, string | string[]>> = {};
        for (const [operator, key, values] of entries) {
          const forOperator = block[operator] ?? {};
          forOperator[key] = values.length === 1 && values[0] !== undefined ? values[0] : values;
          block[operator] = forOperator;
        }
        return block;
      }),
    },
  );

export const identityStatementArb: fc.Arbitrary<StatementJson> = fc
  .record({
    effect: weighted(['Allow', 80], ['Deny', 20]),
    notAction: chance(15),
    actions: fc.uniqueArray(fc.constantFrom(...ACTION_PATTERNS), { minLength: 1, maxLength: 3 }),
    notResource: chance(15),
    resources: fc.uniqueArray(fc.constantFrom(...IDENTITY_RESOURCE_PATTERNS), { minLength: 1, maxLength: 2 }),
    condition: conditionArb,
    scalar: fc.boolean(),
  })
  .map(({ effect, notAction, actions, notResource, resources, condition, scalar }) => ({
    Effect: effect,
    [notAction ? 'NotAction' : 'Action']: oneOrMany(actions, scalar),
    [notResource ? 'NotResource' : 'Resource']: oneOrMany(resources, scalar),
    ...(condition ? { Condition: condition } : {}),
  }));

export const identityPolicyArb: fc.Arbitrary<PolicyJson> = policyOf(identityStatementArb);

export const awsPrincipalArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: fc.constant('*') },
  { weight: 1, arbitrary: fc.constant({ AWS: '*' }) },
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.uniqueArray(fc.constantFrom(...AWS_PRINCIPALS.filter((p) => p !== '*')), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.boolean(),
      )
      .map(([values, scalar]) => ({ AWS: oneOrMany(values, scalar) })),
  },
);

export function bucketPolicyArb(bucket: string): fc.Arbitrary<PolicyJson> {
  const resources = [
    `arn:aws:s3:::${bucket}`,
    `arn:aws:s3:::${bucket}/*`,
    `arn:aws:s3:::${bucket}/David/*`,
    `arn:aws:s3:::${bucket}/\${aws:username}/*`,
    `arn:aws:s3:::${bucket}*`,
  ];
  const s3Actions = ACTION_PATTERNS.filter((a) => a === '*' || a.startsWith('s3:'));
  const statement = fc
    .record({
      effect: weighted(['Allow', 80], ['Deny', 20]),
      notPrincipal: chance(10),
      principal: awsPrincipalArb,
      notAction: chance(10),
      actions: fc.uniqueArray(fc.constantFrom(...s3Actions), { minLength: 1, maxLength: 3 }),
      notResource: chance(10),
      resources: fc.uniqueArray(fc.constantFrom(...resources), { minLength: 1, maxLength: 2 }),
      condition: conditionArb,
      scalar: fc.boolean(),
    })
    .map((s) => {
      // NotPrincipal is only meaningful (and only recommended) with Deny.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
      const notPrincipal = s.notPrincipal && s.effect === 'Deny' && isNamedPrincipal(s.principal);
      return {
        Effect: s.effect,
        [notPrincipal ? 'NotPrincipal' : 'Principal']: s.principal,
        [s.notAction ? 'NotAction' : 'Action']: oneOrMany(s.actions, s.scalar),
        [s.notResource ? 'NotResource' : 'Resource']: oneOrMany(s.resources, s.scalar),
        ...(s.condition ? { Condition: s.condition } : {}),
      };
    });
  return policyOf(statement);
}

/** A role trust policy: who may call sts:AssumeRole on the role. No Resource element. */
export const trustPolicyArb: fc.Arbitrary<PolicyJson> = policyOf(
  fc
    .record({
      effect: weighted(['Allow', 85], ['Deny', 15]),
      principal: awsPrincipalArb,
      action: fc.constantFrom<string | string[]>(
        'sts:AssumeRole',
        ['sts:AssumeRole', 'sts:TagSession'],
        'sts:*',
      ),
      condition: conditionArb,
    })
    .map(({ effect, principal, action, condition }) => ({
      Effect: effect,
      Principal: principal,
      Action: action,
      ...(condition ? { Condition: condition } : {}),
    })),
);

/** One SCP level: usually FullAWSAccess plus a guardrail, sometimes an allow list alone. */
export const scpLevelArb: fc.Arbitrary<PolicyJson[]> = fc
  .tuple(chance(80), fc.array(identityPolicyArb, { minLength: 0, maxLength: 1 }))
  .map(([full, extra]) =>
    full ? [FULL_AWS_ACCESS, ...extra] : extra.length > 0 ? extra : [FULL_AWS_ACCESS],
  );

export const rcpLevelArb: fc.Arbitrary<PolicyJson[]> = fc
  .option(
    policyOf(
      fc
        .record({
          actions: fc.constantFrom<string | string[]>(
            's3:*',
            'sts:*',
            ['s3:GetObject', 's3:PutObject'],
            'sts:AssumeRole',
          ),
          resource: fc.constantFrom('*', 'arn:aws:s3:::productionapp/*', 'arn:aws:s3:::shared-b'),
          condition: conditionArb,
        })
        .map(({ actions, resource, condition }) => ({
          Effect: 'Deny',
          Principal: '*',
          Action: actions,
          Resource: resource,
          ...(condition ? { Condition: condition } : {}),
        })),
    ),
    { freq: 2 },
  )
  .map((guardrail) => (guardrail ? [RCP_FULL_AWS_ACCESS, guardrail] : [RCP_FULL_AWS_ACCESS]));

export function caseArb(idPrefix = 'g'): fc.Arbitrary<DiffCase> {
  return requestArb.chain((request) => {
    // Mix random statements with ones aimed at the request, so that every verdict is common.
    const identity = policyOf(fc.oneof(identityStatementArb, targetedIdentityStatementArb(request)));
    return fc
      .record({
        n: fc.nat(),
        identityPolicies: fc.array(identity, { minLength: 0, maxLength: 3 }),
        resourcePolicy: resourcePolicyFor(request),
        permissionsBoundary: maybe(identity, 25),
        sessionPolicy: request.caller.kind === 'session' ? maybe(identity, 35) : fc.constant(null),
        scps: fc.array(scpLevelArb, { minLength: 0, maxLength: 3 }),
        rcps: isRcpService(request.action)
          ? fc.array(rcpLevelArb, { minLength: 0, maxLength: 2 })
          : fc.constant<PolicyJson[][]>([]),
      })
      .map((p) => ({
        id: `${idPrefix}${p.n}`,
        request: {
          principal: request.caller.arn,
          action: request.action,
          resource: request.resource,
          resourceAccount: request.resourceAccount,
          context: request.context,
        },
        identityPolicies: p.identityPolicies,
        resourcePolicy: p.resourcePolicy,
        permissionsBoundary: p.permissionsBoundary,
        sessionPolicies: p.sessionPolicy ? [p.sessionPolicy] : [],
        scps: p.scps,
        rcps: p.rcps,
      }));
  });
}

/** A statement about the request's own action and resource (or close wildcards of them). */
export function targetedIdentityStatementArb(request: GeneratedRequest): fc.Arbitrary<StatementJson> {
  const service = request.action.split(':')[0] ?? '*';
  return fc
    .record({
      effect: weighted(['Allow', 85], ['Deny', 15]),
      action: fc.constantFrom(request.action, `${service}:*`, '*', request.action.toLowerCase()),
      resource: fc.constantFrom(...nearbyResources(request.resource)),
      condition: conditionArb,
    })
    .map(({ effect, action, resource, condition }) => ({
      Effect: effect,
      Action: action,
      Resource: resource,
      ...(condition ? { Condition: condition } : {}),
    }));
}

/** A resource-policy statement naming the caller in one of the ways AWS allows. */
export function targetedResourceStatementArb(
  request: GeneratedRequest,
  withResource: boolean,
): fc.Arbitrary<StatementJson> {
  const caller = request.caller;
  const names = [caller.arn, `arn:aws:iam::${caller.account}:root`, caller.account, '*'];
  if (caller.roleArn) names.push(caller.roleArn);
  return fc
    .record({
      effect: weighted(['Allow', 85], ['Deny', 15]),
      principal: fc.constantFrom(...names),
      action: fc.constantFrom(request.action, `${request.action.split(':')[0]}:*`),
      resource: fc.constantFrom(...nearbyResources(request.resource).filter((r) => r !== '*')),
      condition: conditionArb,
    })
    .map(({ effect, principal, action, resource, condition }) => ({
      Effect: effect,
      Principal: principal === '*' ? '*' : { AWS: principal },
      Action: action,
      ...(withResource ? { Resource: resource } : {}),
      ...(condition ? { Condition: condition } : {}),
    }));
}

// ---- helpers --------------------------------------------------------------------------------

function resourcePolicyFor(request: GeneratedRequest): fc.Arbitrary<PolicyJson | null> {
  // Every role has a trust policy; buckets may or may not have a bucket policy; IAM users have none.
  if (request.kind === 'assume') {
    return mergePolicies(trustPolicyArb, targetedResourceStatementArb(request, false));
  }
  if (request.bucket) {
    return maybe(
      mergePolicies(bucketPolicyArb(request.bucket), targetedResourceStatementArb(request, true)),
      60,
    );
  }
  return fc.constant(null);
}

/** A policy with, half the time, one targeted statement added. */
function mergePolicies(
  policy: fc.Arbitrary<PolicyJson>,
  extra: fc.Arbitrary<StatementJson>,
): fc.Arbitrary<PolicyJson> {
  return fc
    .tuple(policy, maybe(extra, 50))
    .map(([p, statement]) => (statement ? { ...p, Statement: [...[p.Statement].flat(), statement] } : p));
}

/** The resource itself and wildcards that cover it. */
function nearbyResources(resource: string): string[] {
  if (resource === '*') return ['*'];
  const out = [resource, '*'];
  const slash = resource.lastIndexOf('/');
  if (slash > 0) out.push(`${resource.slice(0, slash)}/*`);
  const colon = resource.lastIndexOf(':');
  out.push(`${resource.slice(0, colon + 1)}*`);
  return out;
}

/** RCPs apply to a handful of services only (S3, STS, KMS, SQS, Secrets Manager, …).
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html */
function isRcpService(action: string): boolean {
  return action.startsWith('s3:') || action.startsWith('sts:');
}

function conditionEntryArb(): fc.Arbitrary<[string, string, string[]]> {
  return fc
    .record({
      spec: fc.constantFrom(...ALL_KEYS),
      operatorIndex: fc.nat(),
      ifExists: chance(20),
      nullCheck: chance(10),
      forAnyValueOnScalar: chance(5),
      lowerKey: chance(10),
      values: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 2 }),
    })
    .map(({ spec, operatorIndex, ifExists, nullCheck, forAnyValueOnScalar, lowerKey, values }) => {
      const key = lowerKey ? spec.key.toLowerCase() : spec.key;
      if (nullCheck)
        return ['Null', key, [values[0] !== undefined && values[0] % 2 === 0 ? 'true' : 'false']];
      const operators = OPERATORS[spec.type];
      let operator = operators[operatorIndex % operators.length] ?? 'StringEquals';
      if (forAnyValueOnScalar && spec.type === 'string') operator = `ForAnyValue:${operator}`;
      if (ifExists) operator = `${operator}IfExists`;
      const chosen = values.map((v) => spec.policyValues[v % spec.policyValues.length] ?? '');
      return [operator, key, [...new Set(chosen)]];
    });
}

function requestContext(caller: Caller, action: string, optional: readonly [boolean, number][]): ContextJson {
  // The caller-derived keys AWS always sets; aws:username exists only for IAM users.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
  const context: ContextJson = {
    'aws:PrincipalArn': caller.roleArn ?? caller.arn,
    'aws:PrincipalAccount': caller.account,
  };
  if (caller.kind === 'user') context['aws:username'] = caller.name;
  if (caller.team) context['aws:PrincipalTag/team'] = caller.team;
  REQUEST_KEYS.forEach((spec: KeySpec, i) => {
    const [present, pick] = optional[i] ?? [false, 0];
    if (!present || !spec.requestValues) return;
    if (spec.actions && !spec.actions.includes(action)) return;
    const value = spec.requestValues[pick % spec.requestValues.length];
    if (value !== undefined) context[spec.key] = typeof value === 'string' ? value : [...value];
  });
  return context;
}

function policyOf(statement: fc.Arbitrary<StatementJson>): fc.Arbitrary<PolicyJson> {
  return fc
    .tuple(fc.array(statement, { minLength: 1, maxLength: 3 }), chance(10))
    .map(([statements, single]) => ({
      Version: '2012-10-17',
      Statement:
        single && statements[0] !== undefined && statements.length === 1 ? statements[0] : statements,
    }));
}

/** The value with the given probability (percent), otherwise null. */
function maybe<T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> {
  return fc.oneof(
    { weight: percent, arbitrary: arb },
    { weight: 100 - percent, arbitrary: fc.constant(null) },
  );
}

function weighted<T>(...choices: [T, number][]): fc.Arbitrary<T> {
  return fc.oneof(...choices.map(([value, weight]) => ({ weight, arbitrary: fc.constant(value) })));
}

function chance(percent: number): fc.Arbitrary<boolean> {
  return fc.integer({ min: 0, max: 99 }).map((n) => n < percent);
}

function oneOrMany(values: readonly string[], scalar: boolean): string | string[] {
  return scalar && values.length === 1 && values[0] !== undefined ? values[0] : [...values];
}

function isNamedPrincipal(principal: unknown): boolean {
  return typeof principal === 'object' && principal !== null && (principal as { AWS?: unknown }).AWS !== '*';
}

function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}
