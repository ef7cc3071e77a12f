import type { CompiledStatement } from '../compile/compile-policy.js';
import type { PrincipalMatch } from '../compile/compile-principal.js';
import { matchPrincipal } from '../compile/compile-principal.js';
import { candidateStatements, type StatementIndex } from '../compile/statement-index.js';
import type { AuthzRequest, PolicySide, Reason } from '../types.js';

/** What one side's statements say about a request. */
export interface SideResult {
  allows: MatchedReason[];
  denies: Reason[];
  problems: Reason[];
}

export interface MatchedReason {
  reason: Reason;
  /** How the statement's Principal named the caller; `direct` when it has none. */
  match: Exclude<PrincipalMatch, 'none'>;
}

export interface CollectOptions {
  /** Whether the side's statements carry a Principal that must name the caller (resource, RCP). */
  checkPrincipal: boolean;
  hasPermissionsBoundary: boolean;
}

/** Counts statement visits, so tests can check that a decision's cost stays flat. */
export interface EvaluationStats {
  statementsVisited: number;
}

/**
 * Evaluates the statements of one side that can match the request's action. Whether a statement
 * applies is separate from its Effect; an Allow that does not apply is simply not counted.
 */
export function collectSide(
  side: PolicySide,
  index: StatementIndex,
  request: AuthzRequest,
  options: CollectOptions,
  stats?: EvaluationStats,
): SideResult {
  const result: SideResult = { allows: [], denies: [], problems: [] };
  for (const { statement } of candidateStatements(index, request.action)) {
    if (stats) stats.statementsVisited++;
    if (!statement.matchesAction(request.action)) continue;
    if (!statement.matchesResource(request.resource, request.context)) continue;
    let match: PrincipalMatch = 'direct';
    if (options.checkPrincipal && statement.principal) {
      match = matchPrincipal(statement.principal, request.caller, statement.effect, options);
      if (match === 'none') continue;
    } else if (options.checkPrincipal && side === 'resource') {
      // A resource-based statement without Principal names nobody (validate reports it).
      continue;
    }
    if (statement.problem !== undefined) {
      result.problems.push({ ...reasonFor(side, statement), problem: statement.problem });
      continue;
    }
    if (!statement.matchesConditions(request.context)) continue;
    if (statement.effect === 'Deny') result.denies.push(reasonFor(side, statement));
    else result.allows.push({ reason: reasonFor(side, statement), match });
  }
  return result;
}

export function reasonFor(side: PolicySide, statement: CompiledStatement): Reason {
  const reason: Reason = {
    side,
    policy: statement.policy,
    statement: statement.index,
    effect: statement.effect,
    at: statement.at,
  };
  if (statement.sid !== undefined) reason.sid = statement.sid;
  return reason;
}
