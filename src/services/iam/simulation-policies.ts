// The policies the simulator evaluates: documents passed in the request, and the stored policies of
// the user, group or role named by PolicySourceArn (a user's groups' policies included). Each keeps
// the id and type the simulator reports in MatchedStatements, as AWS's answers show them:
// `PolicyInputList.1`, the managed policy's name, `user_Bob_InlineName`, `ResourcePolicy`.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
import { parseIamArn } from '../../arn/iam-arn.js';
import { allPages } from '../../authorize/gather-policies.js';
import { type CompiledPolicy, compilePolicy } from '../../policy/compile/compile-policy.js';
import { parsePolicy } from '../../policy/parse/parse-policy.js';
import type { PolicyDoc } from '../../policy/types.js';
import type { PolicyKind } from '../../policy/validate/policy-kind.js';
import { AwsError, awsError } from '../../protocol/errors.js';
import type { PrincipalKind } from '../../store/records.js';
import type { HandlerContext } from '../handler-context.js';
import { checkPolicyDocument } from './check-policy-document.js';
import { invalidArn, noSuchEntity } from './iam-errors.js';

/** SourcePolicyType as AWS's simulator fills it (not the model's enum: real answers say `IAM Policy`). */
export type SimulationPolicyType = 'IAM Policy' | 'Resource Policy';

export interface SimulationPolicy {
  type: SimulationPolicyType;
  text: string;
  doc: PolicyDoc;
  /** Compiled with `{ id }` = the SourcePolicyId. */
  compiled: CompiledPolicy;
}

export interface PrincipalPolicies {
  kind: PrincipalKind;
  arn: string;
  identity: SimulationPolicy[];
  boundary?: SimulationPolicy;
}

/** A document from the request, checked as IAM checks stored ones; a bad one is InvalidInput. */
export function inputPolicy(text: string, id: string, kind: PolicyKind): SimulationPolicy {
  let doc: PolicyDoc;
  try {
    doc = checkPolicyDocument(text, kind);
  } catch (error) {
    if (error instanceof AwsError && error.code === 'MalformedPolicyDocument') {
      throw awsError('iam', 'InvalidInput', error.awsMessage);
    }
    throw error;
  }
  return {
    type: kind === 'resource' ? 'Resource Policy' : 'IAM Policy',
    text,
    doc,
    compiled: compilePolicy(doc, { id }),
  };
}

/** The stored policies of the user, group or role `arn` names in the caller's account. */
export async function principalPolicies(arn: string, ctx: HandlerContext): Promise<PrincipalPolicies> {
  const parsed = parseIamArn(arn);
  if (!parsed || (parsed.kind !== 'user' && parsed.kind !== 'group' && parsed.kind !== 'role')) {
    throw invalidArn(arn);
  }
  const { kind, name } = parsed;
  const account = ctx.caller.account;
  const entity = parsed.account === account ? await findEntity(ctx, kind, name) : undefined;
  if (!entity || entity.arn !== arn) throw noSuchEntity(kind, name);

  const identity = await heldPolicies(ctx, kind, entity.name);
  if (kind === 'user') {
    for (const group of await allPages((page) => ctx.store.listGroupsForUser(account, entity.name, page))) {
      identity.push(...(await heldPolicies(ctx, 'group', group.name)));
    }
  }
  const boundary = entity.boundaryArn ? await managedPolicy(ctx, entity.boundaryArn) : undefined;
  return { kind, arn, identity, ...(boundary ? { boundary } : {}) };
}

/** The user, group or role as the simulator needs it (groups have no permissions boundary). */
async function findEntity(
  ctx: HandlerContext,
  kind: PrincipalKind,
  name: string,
): Promise<{ name: string; arn: string; boundaryArn?: string | undefined } | undefined> {
  const account = ctx.caller.account;
  if (kind === 'group') return ctx.store.getGroup(account, name);
  const record =
    kind === 'user' ? await ctx.store.getUser(account, name) : await ctx.store.getRole(account, name);
  return record && { name: record.name, arn: record.arn, boundaryArn: record.permissionsBoundaryArn };
}

/** A user's, group's or role's own inline and attached policies. */
async function heldPolicies(
  ctx: HandlerContext,
  kind: PrincipalKind,
  name: string,
): Promise<SimulationPolicy[]> {
  const account = ctx.caller.account;
  const policies: SimulationPolicy[] = [];
  for (const inline of await allPages((page) => ctx.store.listInlinePolicies(account, kind, name, page))) {
    const policy = storedPolicy(inline.document, `${kind}_${name}_${inline.name}`);
    if (policy) policies.push(policy);
  }
  for (const attached of await allPages((page) =>
    ctx.store.listAttachedPolicies(account, kind, name, {}, page),
  )) {
    const policy = await managedPolicy(ctx, attached.policyArn);
    if (policy) policies.push(policy);
  }
  return policies;
}

/** A managed policy's default version; AWS names it by the policy's name. */
async function managedPolicy(ctx: HandlerContext, arn: string): Promise<SimulationPolicy | undefined> {
  const policy = await ctx.store.getPolicy(ctx.caller.account, arn);
  const version = policy && (await ctx.store.getPolicyVersion(arn, policy.defaultVersionId));
  return policy && version ? storedPolicy(version.document, policy.name) : undefined;
}

function storedPolicy(text: string, id: string): SimulationPolicy | undefined {
  // INVARIANT: stored documents were checked when written; one that no longer parses is skipped.
  const { doc } = parsePolicy(text);
  return doc && { type: 'IAM Policy', text, doc, compiled: compilePolicy(doc, { id }) };
}
