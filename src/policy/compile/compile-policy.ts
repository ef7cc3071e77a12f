import { compileConditions } from '../conditions/index.js';
import { compileActionPattern } from '../match/action.js';
import { compileResourcePattern, type ResourceMatcher } from '../match/resource.js';
import type {
  Effect,
  Loc,
  PolicyDoc,
  PolicyRef,
  PolicyVersion,
  RequestContext,
  Statement,
} from '../types.js';
import { type CompiledPrincipal, compilePrincipal } from './compile-principal.js';

export interface CompiledStatement {
  policy: PolicyRef;
  index: number;
  sid: string | undefined;
  effect: Effect;
  at: Loc;
  /** true for NotAction. */
  actionNot: boolean;
  /** Action or NotAction values, lower-cased: what the set index files the statement under. */
  actionPatterns: readonly string[];
  matchesAction(action: string): boolean;
  /** Always true when the statement has no Resource/NotResource (trust policies). */
  matchesResource(resource: string, context: RequestContext): boolean;
  /** Absent in identity-based policies, SCPs and boundaries. */
  principal: CompiledPrincipal | undefined;
  matchesConditions(context: RequestContext): boolean;
  /** Set when the statement cannot be evaluated; evaluate then skips it and reports it. */
  problem: string | undefined;
}

export interface CompiledPolicy {
  ref: PolicyRef;
  version: PolicyVersion;
  statements: readonly CompiledStatement[];
}

/** Compiles once, when a policy is stored or loaded; evaluation reads only the result. */
export function compilePolicy(doc: PolicyDoc, ref: PolicyRef): CompiledPolicy {
  return {
    ref,
    version: doc.version,
    statements: doc.statements.map((statement) => compileStatement(statement, doc.version, ref)),
  };
}

function compileStatement(
  statement: Statement,
  version: PolicyVersion,
  policy: PolicyRef,
): CompiledStatement {
  const actionPatterns = statement.action.values.map((v) => v.value.toLowerCase());
  const actionMatchers = statement.action.values.map((v) => compileActionPattern(v.value));
  const actionNot = statement.action.not;
  const anyAction = (action: string): boolean => {
    for (const matches of actionMatchers) if (matches(action)) return true;
    return false;
  };

  const conditions = compileConditions(statement.conditions, version);
  // One object shape for every statement (optional fields present as undefined): the evaluator's
  // property reads then stay monomorphic, which keeps its speed steady from run to run.
  return {
    policy,
    index: statement.index,
    sid: statement.sid?.value,
    effect: statement.effect.value,
    at: statement.at.start,
    actionNot,
    actionPatterns,
    matchesAction: actionNot ? (action) => !anyAction(action) : anyAction,
    matchesResource: compileResourceBlock(statement, version),
    principal: statement.principal ? compilePrincipal(statement.principal) : undefined,
    matchesConditions: conditions.test,
    problem:
      conditions.problems.length > 0 ? conditions.problems.map((p) => p.message).join('; ') : undefined,
  };
}

function compileResourceBlock(
  statement: Statement,
  version: PolicyVersion,
): (resource: string, context: RequestContext) => boolean {
  const block = statement.resource;
  if (!block) return () => true;
  // `"Resource": "*"` (every SCP, most managed policies) decides without looking at the resource.
  if (block.values.some((v) => v.value === '*')) return block.not ? () => false : () => true;
  const matchers: ResourceMatcher[] = block.values.map((v) => compileResourcePattern(v.value, version));
  // A plain loop: this runs for every candidate statement of every decision.
  const any = (resource: string, context: RequestContext): boolean => {
    for (const matches of matchers) if (matches(resource, context)) return true;
    return false;
  };
  return block.not ? (resource, context) => !any(resource, context) : any;
}
