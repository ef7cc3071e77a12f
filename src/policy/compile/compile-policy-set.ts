import type { CompiledPolicy } from './compile-policy.js';
import { buildStatementIndex, type StatementIndex } from './statement-index.js';

export interface PolicySetInput {
  identity: CompiledPolicy[];
  /** The resource-based policy (a bucket policy, a role's trust policy). */
  resource?: CompiledPolicy;
  permissionsBoundary?: CompiledPolicy;
  /** Policies passed when the session was created; `undefined` and `[]` both mean none were passed. */
  sessionPolicies?: CompiledPolicy[];
  /** One array per level of the caller account's organization path (root, OUs…, account). */
  scps?: CompiledPolicy[][];
  /** One array per level of the resource account's organization path. */
  rcps?: CompiledPolicy[][];
}

/** The compiled, indexed policies that apply to one caller and one resource. */
export interface PolicySet {
  identity: StatementIndex;
  resource?: StatementIndex;
  permissionsBoundary?: StatementIndex;
  /** Absent when no session policy was passed. */
  session?: StatementIndex;
  /** Absent when the caller's account is in no organization (or SCPs are not modelled). */
  scps?: StatementIndex[];
  rcps?: StatementIndex[];
}

export function compilePolicySet(input: PolicySetInput): PolicySet {
  const set: PolicySet = { identity: buildStatementIndex(input.identity) };
  if (input.resource) set.resource = buildStatementIndex([input.resource]);
  if (input.permissionsBoundary) set.permissionsBoundary = buildStatementIndex([input.permissionsBoundary]);
  // An empty PolicyArns/Policy is no session policy at all: the session keeps the role's permissions.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
  if (input.sessionPolicies && input.sessionPolicies.length > 0) {
    set.session = buildStatementIndex(input.sessionPolicies);
  }
  if (input.scps) set.scps = input.scps.map((level) => buildStatementIndex(level));
  if (input.rcps) set.rcps = input.rcps.map((level) => buildStatementIndex(level));
  return set;
}
