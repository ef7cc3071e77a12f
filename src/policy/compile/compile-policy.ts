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
  sid?: string;
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
  principal?: CompiledPrincipal;
  matchesConditions(context: RequestContext): boolean;
  /** Set when the statement cannot be evaluated; evaluate then skips it and reports it. */
  problem?: string;
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
  const anyAction = (action: string): boolean => actionMatchers.some((m) => m(action));

  const conditions = compileConditions(statement.conditions, version);
  const compiled: CompiledStatement = {
    policy,
    index: statement.index,
    effect: statement.effect.value,
    at: statement.at.start,
    actionNot,
    actionPatterns,
    matchesAction: actionNot ? (action) => !anyAction(action) : anyAction,
    matchesResource: compileResourceBlock(statement, version),
    matchesConditions: (context) => conditions.test(context),
  };
  if (statement.sid) compiled.sid = statement.sid.value;
  if (statement.principal) compiled.principal = compilePrincipal(statement.principal);
  if (conditions.problems.length > 0) {
    compiled.problem = conditions.problems.map((p) => p.message).join('; ');
  }
  return compiled;
}

function compileResourceBlock(
  statement: Statement,
  version: PolicyVersion,
): (resource: string, context: RequestContext) => boolean {
  const block = statement.resource;
  if (!block) return () => true;
  const matchers: ResourceMatcher[] = block.values.map((v) => compileResourcePattern(v.value, version));
  const any = (resource: string, context: RequestContext): boolean =>
    matchers.some((m) => m(resource, context));
  return block.not ? (resource, context) => !any(resource, context) : any;
}
