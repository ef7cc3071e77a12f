// SimulatePrincipalPolicy and SimulateCustomPolicy: the IAM policy simulator, decided by trustlab's
// own engine. One EvaluationResult per action, aggregated over the resources (the most restrictive
// decision wins), with one ResourceSpecificResult per resource when ResourceArns is given:
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html
// Only the policies given or stored are evaluated: resource-based policies only when ResourcePolicy
// is passed, and the request context is only what ContextEntries supplies.
import { parseIamArn } from '../../arn/iam-arn.js';
import { compilePolicySet, type PolicySetInput } from '../../policy/compile/compile-policy-set.js';
import { buildContext } from '../../policy/context.js';
import { evaluate } from '../../policy/evaluate/evaluate.js';
import type {
  AuthzRequest,
  CallerFacts,
  ContextValue,
  Decision,
  RequestContext,
} from '../../policy/types.js';
import { awsError } from '../../protocol/errors.js';
import type {
  ContextEntry,
  EvaluationResult,
  PolicyEvaluationDecisionType,
  ResourceSpecificResult,
  SimulateCustomPolicyRequest,
  SimulatePolicyResponse,
  Statement,
} from '../../protocol/generated/iam.js';
import { statementContextKeys } from './context-keys.js';
import type { IamHandler } from './iam-handler.js';
import { pageArray, pageResult } from './paging.js';
import { inputPolicy, principalPolicies, type SimulationPolicy } from './simulation-policies.js';
import { statementPositions } from './statement-position.js';

export const simulateCustomPolicy: IamHandler<'SimulateCustomPolicy'> = async (input, ctx) => {
  const identity = input.PolicyInputList.map((text, i) =>
    inputPolicy(text, `PolicyInputList.${i + 1}`, 'identity'),
  );
  const caller = simulatedCaller(
    input.CallerArn,
    undefined,
    input.ResourcePolicy !== undefined,
    ctx.caller.account,
  );
  return simulate(input, identity, boundaryInput(input), caller);
};

export const simulatePrincipalPolicy: IamHandler<'SimulatePrincipalPolicy'> = async (input, ctx) => {
  const principal = await principalPolicies(input.PolicySourceArn, ctx);
  const extra = (input.PolicyInputList ?? []).map((text, i) =>
    inputPolicy(text, `PolicyInputList.${i + 1}`, 'identity'),
  );
  // "If you pass in a different permissions boundary policy using this parameter, then the new
  // permissions boundary policy is used for the simulation."
  const boundary = boundaryInput(input) ?? principal.boundary;
  const source = principal.kind === 'user' ? principal.arn : undefined;
  const caller = simulatedCaller(
    input.CallerArn,
    source,
    input.ResourcePolicy !== undefined,
    ctx.caller.account,
  );
  return simulate(input, [...principal.identity, ...extra], boundary, caller);
};

type SimulationInput = Omit<SimulateCustomPolicyRequest, 'PolicyInputList'>;

function boundaryInput(input: SimulationInput): SimulationPolicy | undefined {
  const list = input.PermissionsBoundaryPolicyInputList ?? [];
  if (list.length > 1) {
    throw awsError('iam', 'InvalidInput', 'The list of Permissions Boundary policies cannot exceed 1 items.');
  }
  const [text] = list;
  return text === undefined
    ? undefined
    : inputPolicy(text, 'PermissionsBoundaryPolicyInputList.1', 'boundary');
}

/**
 * The caller the simulation acts as: CallerArn, else the PolicySourceArn user. Only an IAM user can be
 * one, and a resource policy needs one for its Principal to be matched against.
 */
function simulatedCaller(
  callerArn: string | undefined,
  sourceUser: string | undefined,
  hasResourcePolicy: boolean,
  account: string,
): CallerFacts {
  const arn = callerArn ?? sourceUser;
  if (arn === undefined) {
    if (hasResourcePolicy) throw invalidCaller();
    return { type: 'User', arn: `arn:aws:iam::${account}:user/`, account };
  }
  const parsed = parseIamArn(arn);
  if (parsed?.kind !== 'user') throw invalidCaller();
  return { type: 'User', arn, account: parsed.account };
}

function invalidCaller() {
  return awsError('iam', 'InvalidInput', 'Invalid caller - Caller must be an IAM user in this context.');
}

async function simulate(
  input: SimulationInput,
  identity: SimulationPolicy[],
  boundary: SimulationPolicy | undefined,
  caller: CallerFacts,
): Promise<SimulatePolicyResponse> {
  const resource =
    input.ResourcePolicy === undefined
      ? undefined
      : inputPolicy(input.ResourcePolicy, 'ResourcePolicy', 'resource');
  const owner = resourceOwner(input.ResourceOwner);
  const run: Simulation = {
    caller,
    identity,
    boundary,
    resource,
    owner,
    context: contextOf(input.ContextEntries ?? []),
    sources: new Map(
      [...identity, ...(boundary ? [boundary] : []), ...(resource ? [resource] : [])].map((p) => [
        p.compiled.ref.id,
        p,
      ]),
    ),
  };
  const page = pageArray(input.ActionNames, input);
  const resources = input.ResourceArns && input.ResourceArns.length > 0 ? input.ResourceArns : undefined;
  return {
    EvaluationResults: page.items.map((action) => simulateAction(run, action, resources)),
    ...pageResult(page),
  };
}

interface Simulation {
  caller: CallerFacts;
  identity: SimulationPolicy[];
  boundary: SimulationPolicy | undefined;
  resource: SimulationPolicy | undefined;
  owner: string | undefined;
  context: RequestContext;
  /** Every policy by its SourcePolicyId, for the positions of matched statements. */
  sources: Map<string, SimulationPolicy>;
}

function simulateAction(run: Simulation, action: string, resources: string[] | undefined): EvaluationResult {
  const missing = missingContext(run, action);
  const results = (resources ?? ['*']).map((resource) => simulateOne(run, action, resource, missing));
  const decisions = results.map((r) => r.EvalResourceDecision);
  const decision = mostRestrictive(decisions);
  const boundary = run.boundary && {
    PermissionsBoundaryDecisionDetail: {
      AllowedByPermissionsBoundary: results.every(
        (r) => r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === true,
      ),
    },
  };
  const first = results[0] as ResourceSpecificResult;
  if (!resources) {
    return {
      EvalActionName: action,
      EvalResourceName: '*',
      EvalDecision: decision,
      MatchedStatements: first.MatchedStatements ?? [],
      MissingContextValues: missing,
      ...boundary,
    };
  }
  return {
    EvalActionName: action,
    EvalResourceName: first.EvalResourceName,
    EvalDecision: decision,
    MatchedStatements: unique(results.flatMap((r) => r.MatchedStatements ?? [])),
    // "If you include a list of resources, then any missing context values are instead included
    // under the ResourceSpecificResults section."
    MissingContextValues: [],
    // Present but empty within one account; filled for cross-account simulations.
    EvalDecisionDetails: first.EvalDecisionDetails ?? {},
    ...boundary,
    ResourceSpecificResults: results,
  };
}

function simulateOne(
  run: Simulation,
  action: string,
  resource: string,
  missing: string[],
): ResourceSpecificResult {
  const request: AuthzRequest = {
    caller: run.caller,
    action,
    resource,
    // Without a resource policy the resource's owner does not matter: only identity policies decide.
    resourceAccount: run.resource
      ? (accountOf(resource) ?? run.owner ?? run.caller.account)
      : run.caller.account,
    context: run.context,
  };
  const set: PolicySetInput = {
    identity: run.identity.map((p) => p.compiled),
    ...(run.boundary ? { permissionsBoundary: run.boundary.compiled } : {}),
    ...(run.resource ? { resource: run.resource.compiled } : {}),
  };
  const decision = evaluate(request, compilePolicySet(set));
  const crossAccount = run.resource !== undefined && request.resourceAccount !== run.caller.account;
  return {
    EvalResourceName: resource,
    EvalResourceDecision: decisionType(decision),
    MatchedStatements: matchedStatements(run, decision),
    ...(missing.length > 0 ? { MissingContextValues: missing } : {}),
    ...(crossAccount ? { EvalDecisionDetails: crossAccountDetails(run, request, set) } : {}),
    ...(run.boundary
      ? {
          PermissionsBoundaryDecisionDetail: {
            AllowedByPermissionsBoundary:
              evaluate(request, compilePolicySet({ identity: [run.boundary.compiled] })).verdict ===
              'Allowed',
          },
        }
      : {}),
  };
}

/** How each side decided a cross-account request, where both must allow. */
function crossAccountDetails(
  run: Simulation,
  request: AuthzRequest,
  set: PolicySetInput,
): Record<string, PolicyEvaluationDecisionType> {
  const own = { ...request, resourceAccount: run.caller.account };
  const { resource, ...identitySide } = set;
  return {
    'IAM Policy': decisionType(evaluate(own, compilePolicySet(identitySide))),
    'Resource Policy': decisionType(
      evaluate(own, compilePolicySet({ identity: [], ...(resource ? { resource } : {}) })),
    ),
  };
}

/** The statements that decided: the denies of an explicit deny, the allows of an allow. */
function matchedStatements(run: Simulation, decision: Decision): Statement[] {
  const statements: Statement[] = [];
  for (const reason of decision.reasons) {
    const source = run.sources.get(reason.policy.id);
    if (!source) continue;
    const positions = statementPositions(source.text, source.doc, reason.statement);
    statements.push({
      SourcePolicyId: reason.policy.id,
      // AWS answers `IAM Policy` and `Resource Policy`, outside the model's enum.
      SourcePolicyType: source.type as Statement['SourcePolicyType'],
      ...positions,
    });
  }
  return unique(statements);
}

/** Keys read by the statements that could apply to the action but were not supplied. */
function missingContext(run: Simulation, action: string): string[] {
  const missing = new Map<string, string>();
  for (const policy of run.sources.values()) {
    policy.doc.statements.forEach((statement, i) => {
      if (!policy.compiled.statements[i]?.matchesAction(action)) return;
      for (const key of statementContextKeys(statement, policy.doc.version === '2012-10-17')) {
        const lower = key.toLowerCase();
        if (!run.context.has(lower) && !missing.has(lower)) missing.set(lower, key);
      }
    });
  }
  return [...missing.values()];
}

/** ContextEntries as the engine's request context: list types keep every value, the others the first. */
function contextOf(entries: readonly ContextEntry[]): RequestContext {
  const pairs: [string, ContextValue][] = [];
  for (const entry of entries) {
    const values = entry.ContextKeyValues ?? [];
    if (entry.ContextKeyName === undefined || values.length === 0) continue;
    const list = entry.ContextKeyType?.endsWith('List') ?? values.length > 1;
    pairs.push([entry.ContextKeyName, list ? values : (values[0] as string)]);
  }
  return buildContext(pairs);
}

/** ResourceOwner is an account root ARN (`arn:aws:iam::112233445566:root`). */
function resourceOwner(owner: string | undefined): string | undefined {
  if (owner === undefined) return undefined;
  const parsed = parseIamArn(owner);
  if (parsed?.kind !== 'root') throw awsError('iam', 'InvalidInput', `Invalid ResourceOwner: ${owner}`);
  return parsed.account;
}

function accountOf(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

const RESTRICTIVENESS: readonly PolicyEvaluationDecisionType[] = ['explicitDeny', 'implicitDeny', 'allowed'];

function mostRestrictive(decisions: PolicyEvaluationDecisionType[]): PolicyEvaluationDecisionType {
  return RESTRICTIVENESS.find((d) => decisions.includes(d)) ?? 'implicitDeny';
}

function decisionType(decision: Decision): PolicyEvaluationDecisionType {
  switch (decision.verdict) {
    case 'Allowed':
      return 'allowed';
    case 'ExplicitlyDenied':
      return 'explicitDeny';
    default:
      return 'implicitDeny';
  }
}

function unique(statements: Statement[]): Statement[] {
  const seen = new Set<string>();
  return statements.filter((s) => {
    const key = JSON.stringify(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
