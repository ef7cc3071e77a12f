import { type CompiledPolicy, compilePolicy } from '../compile/compile-policy.js';
import { compilePolicySet } from '../compile/compile-policy-set.js';
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
  try {
    const compiled = compileSources(input);
    return toResult(input.id, evaluate(request, compilePolicySet(compiled)));
  } catch (error) {
    if (error instanceof PolicyError) return fail('MalformedPolicy', error.message);
    throw error;
  }
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

/** Thrown only inside simulate to leave the nested compiles early; never escapes. */
class PolicyError extends Error {}

function compileSources(input: SimulationInput) {
  const levels = (sources: PolicySource[][] | undefined) => sources?.map((level) => level.map(compileSource));
  const scps = levels(input.scps);
  const rcps = levels(input.rcps);
  return {
    identity: input.identityPolicies.map(compileSource),
    ...(input.resourcePolicy ? { resource: compileSource(input.resourcePolicy) } : {}),
    ...(input.permissionsBoundary ? { permissionsBoundary: compileSource(input.permissionsBoundary) } : {}),
    ...(input.sessionPolicies ? { sessionPolicies: input.sessionPolicies.map(compileSource) } : {}),
    ...(scps ? { scps } : {}),
    ...(rcps ? { rcps } : {}),
  };
}

function compileSource(source: PolicySource): CompiledPolicy {
  const parsed = parsePolicy(source.text);
  if (!parsed.doc) {
    const first = parsed.findings.find((f) => f.severity === 'ERROR') ?? parsed.findings[0];
    const where = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid policy';
    throw new PolicyError(`\`${source.ref.name ?? source.ref.id}\`: ${where}`);
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
