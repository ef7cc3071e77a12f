import type { CompiledStatement } from '../compile/compile-policy.js';
import type { PrincipalMatch } from '../compile/compile-principal.js';
import { matchPrincipal } from '../compile/compile-principal.js';
import { type StatementIndex, statementsFor } from '../compile/statement-index.js';
import type { AuthzRequest, PolicySide, Reason } from '../types.js';

/** What one side's statements say about a request. */
export interface SideResult {
  side: PolicySide;
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
  /** The request's action, lower-cased once per request. */
  actionKey: string;
  /** Whether the side's statements carry a Principal that must name the caller (resource, RCP). */
  checkPrincipal: boolean;
  hasPermissionsBoundary: boolean;
}

/** Counts the statements a decision looks at (those whose action matches), so tests can check its cost stays flat. */
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
  const result: SideResult = { side, allows: [], denies: [], problems: [] };
  for (const statement of statementsFor(index, options.actionKey)) {
    if (stats) stats.statementsVisited++;
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
  // Always the same keys in the same order (sid may be undefined): one hidden class for every reason.
  return {
    side,
    policy: statement.policy,
    statement: statement.index,
    sid: statement.sid,
    effect: statement.effect,
    at: statement.at,
  };
}
