import type { CompiledPolicy, CompiledStatement } from './compile-policy.js';

/**
 * The statements of one policy side, filed by the actions they name, so that a decision only looks
 * at statements that can match its action: the cost stays flat however many unrelated policies a
 * principal has.
 */
export interface StatementIndex {
  readonly policies: readonly CompiledPolicy[];
  /** `service:action` (lower-cased, no wildcard) → statements naming it. */
  readonly exact: ReadonlyMap<string, readonly IndexedStatement[]>;
  /** `service` → statements with a wildcard inside that service (`s3:Get*`). */
  readonly byService: ReadonlyMap<string, readonly IndexedStatement[]>;
  /** `*`, wildcard services and NotAction: checked for every action. */
  readonly anyAction: readonly IndexedStatement[];
  /** Number of statements in the side. */
  readonly size: number;
  /**
   * Memo of `statementsFor`: lower-cased action → the statements whose Action or NotAction matches it.
   * INVARIANT: whether a statement's action matches depends on the action alone, never on the request.
   */
  readonly byAction: Map<string, readonly CompiledStatement[]>;
}

export interface IndexedStatement {
  /** Position in the side (policy order, then statement order); keeps explanations in reading order. */
  readonly order: number;
  readonly statement: CompiledStatement;
}

const WILDCARD = /[*?]/;

export function buildStatementIndex(policies: readonly CompiledPolicy[]): StatementIndex {
  const exact = new Map<string, IndexedStatement[]>();
  const byService = new Map<string, IndexedStatement[]>();
  const anyAction: IndexedStatement[] = [];
  let order = 0;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      const entry: IndexedStatement = { order: order++, statement };
      if (statement.actionNot) {
        anyAction.push(entry);
        continue;
      }
      for (const pattern of statement.actionPatterns) fileUnder(entry, pattern, exact, byService, anyAction);
    }
  }
  return { policies, exact, byService, anyAction, size: order, byAction: new Map() };
}

// Actions come from a finite catalogue in the server; the bound only guards the memo against
// arbitrary action strings given to `trustlab simulate`.
const MEMO_LIMIT = 4096;

/**
 * The statements whose Action (or NotAction) matches the action, in reading order; memoized per
 * action. `key` is the action lower-cased (once per request, by the caller).
 */
export function statementsFor(index: StatementIndex, key: string): readonly CompiledStatement[] {
  const known = index.byAction.get(key);
  if (known) return known;
  const matching = candidateStatements(index, key)
    .map((entry) => entry.statement)
    .filter((statement) => statement.matchesAction(key));
  if (index.byAction.size >= MEMO_LIMIT) index.byAction.clear();
  index.byAction.set(key, matching);
  return matching;
}

/** The statements that may match `action`, each once, in reading order. */
export function candidateStatements(index: StatementIndex, action: string): IndexedStatement[] {
  const key = action.toLowerCase();
  const colon = key.indexOf(':');
  const service = colon < 0 ? key : key.slice(0, colon);
  const found: IndexedStatement[] = [];
  for (const list of [index.exact.get(key), index.byService.get(service), index.anyAction]) {
    if (list) for (const entry of list) found.push(entry);
  }
  if (found.length < 2) return found;
  found.sort((a, b) => a.order - b.order);
  return found.filter((entry, i) => i === 0 || found[i - 1]?.order !== entry.order);
}

function fileUnder(
  entry: IndexedStatement,
  pattern: string,
  exact: Map<string, IndexedStatement[]>,
  byService: Map<string, IndexedStatement[]>,
  anyAction: IndexedStatement[],
): void {
  const colon = pattern.indexOf(':');
  const service = colon < 0 ? pattern : pattern.slice(0, colon);
  if (colon < 0 || WILDCARD.test(service)) {
    pushOnce(anyAction, entry);
    return;
  }
  const target = WILDCARD.test(pattern.slice(colon + 1)) ? byService : exact;
  const key = target === byService ? service : pattern;
  let list = target.get(key);
  if (!list) {
    list = [];
    target.set(key, list);
  }
  pushOnce(list, entry);
}

// A statement may name several actions of one bucket (`s3:GetObject`, `s3:getobject`).
function pushOnce(list: IndexedStatement[], entry: IndexedStatement): void {
  if (list[list.length - 1] !== entry) list.push(entry);
}
