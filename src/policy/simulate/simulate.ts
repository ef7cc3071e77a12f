import { type CompiledPolicy, compilePolicy } from '../compile/compile-policy.js';
import { compilePolicySet, type PolicySetInput } from '../compile/compile-policy-set.js';
import { buildContext } from '../context.js';
import { callerFromArn } from '../evaluate/caller-from-arn.js';
import { evaluate } from '../evaluate/evaluate.js';
import { principalContext } from '../evaluate/principal-context.js';
import { parsePolicy } from '../parse/parse-policy.js';
import type { AuthzRequest, Decision, PolicySide, Reason, Verdict } from '../types.js';
import type { PolicySource, SimulationError, SimulationInput } from './simulation-input.js';

/** One line of `trustlab simulate` output. */
export interface SimulationResult {
  id: string;
  decision: Verdict;
  message: string | null;
  explanation: { reasons: Reason[]; missing?: PolicySide; deniedBy?: PolicySide; problems: Reason[] };
}

/** Parses, compiles and evaluates one simulation. Never throws for anything in the input. */
export function simulate(input: SimulationInput, line?: number): SimulationResult | SimulationError {
  const fail = (code: SimulationError['error']['code'], message: string): SimulationError => ({
    id: input.id,
    ...(line === undefined ? {} : { line }),
    error: { code, message },
  });
  const request = buildRequest(input);
  if (typeof request === 'string') return fail('MalformedCase', request);
  const policies = compileSimulationPolicies(input);
  if ('error' in policies) return fail('MalformedPolicy', policies.error);
  return toResult(input.id, evaluate(request, compilePolicySet(policies)));
}

/** The request with the principal's own condition keys filled in; the case's context wins over them. */
export function buildRequest(input: SimulationInput): AuthzRequest | string {
  const caller = callerFromArn(input.principal);
  if (!caller) return `\`request.principal\` is not a user, assumed-role or root ARN: \`${input.principal}\``;
  if (input.resourceAccount !== undefined && !isAccountId(input.resourceAccount)) {
    return '`request.resourceAccount` must be a 12-digit account id';
  }
  const resourceAccount = input.resourceAccount ?? accountOfArn(input.resource) ?? caller.account;
  return {
    caller,
    action: input.action,
    resource: input.resource,
    ...(resourceAccount === undefined ? {} : { resourceAccount }),
    context: buildContext({ ...principalContext(caller), ...input.context }),
  };
}

/** Parses and compiles every policy of a simulation; the first one that does not parse is the error. */
export function compileSimulationPolicies(input: SimulationInput): PolicySetInput | { error: string } {
  const all = [
    ...input.identityPolicies,
    ...(input.resourcePolicy ? [input.resourcePolicy] : []),
    ...(input.permissionsBoundary ? [input.permissionsBoundary] : []),
    ...(input.sessionPolicies ?? []),
    ...(input.scps ?? []).flat(),
    ...(input.rcps ?? []).flat(),
  ];
  const compiled = new Map<PolicySource, CompiledPolicy>();
  for (const source of all) {
    const policy = compileSource(source);
    if (typeof policy === 'string') return { error: policy };
    compiled.set(source, policy);
  }
  const get = (source: PolicySource) => compiled.get(source) as CompiledPolicy;
  const levels = (sources: PolicySource[][] | undefined) => sources?.map((level) => level.map(get));
  const scps = levels(input.scps);
  const rcps = levels(input.rcps);
  return {
    identity: input.identityPolicies.map(get),
    ...(input.resourcePolicy ? { resource: get(input.resourcePolicy) } : {}),
    ...(input.permissionsBoundary ? { permissionsBoundary: get(input.permissionsBoundary) } : {}),
    ...(input.sessionPolicies ? { sessionPolicies: input.sessionPolicies.map(get) } : {}),
    ...(scps ? { scps } : {}),
    ...(rcps ? { rcps } : {}),
  };
}

/** A compiled policy, or why its text is not a valid policy. */
export function compileSource(source: PolicySource): CompiledPolicy | string {
  const parsed = parsePolicy(source.text);
  if (!parsed.doc) {
    const first = parsed.findings.find((f) => f.severity === 'ERROR') ?? parsed.findings[0];
    const where = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid policy';
    return `\`${source.ref.name ?? source.ref.id}\`: ${where}`;
  }
  return compilePolicy(parsed.doc, source.ref);
}

function toResult(id: string, decision: Decision): SimulationResult {
  return {
    id,
    decision: decision.verdict,
    message: decision.message,
    explanation: {
      reasons: decision.reasons,
      ...(decision.missing ? { missing: decision.missing } : {}),
      ...(decision.deniedBy ? { deniedBy: decision.deniedBy } : {}),
      problems: decision.problems,
    },
  };
}

/** The account field of an ARN (`arn:aws:iam::999999999999:role/x`), if it has one. */
function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && isAccountId(account) ? account : undefined;
}

function isAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}
