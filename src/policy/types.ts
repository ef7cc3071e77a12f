// The shared vocabulary of the policy room: the parsed document, findings, requests and decisions.
// Everything here is plain data so that the CLI, the server and the console can print or store it.

/** A position in the policy text; line and column are 1-based, offset is 0-based (UTF-16 units). */
export interface Loc {
  line: number;
  column: number;
  offset: number;
}

export interface Span {
  start: Loc;
  end: Loc;
}

/** A scalar from the document with where it was written. Booleans and numbers are kept as their JSON text. */
export interface Located<T = string> {
  value: T;
  at: Span;
}

/** 2008-10-17 (or no Version) disables policy variables: `${...}` is then literal text. */
export type PolicyVersion = '2012-10-17' | '2008-10-17';

export interface PolicyDoc {
  /** The effective version: the Version element, or 2008-10-17 when it is absent. */
  version: PolicyVersion;
  versionAt?: Span;
  id?: Located;
  statements: Statement[];
  at: Span;
}

export type Effect = 'Allow' | 'Deny';

export interface Statement {
  /** 0-based position in the Statement array (0 when Statement is a single object). */
  index: number;
  sid?: Located;
  effect: Located<Effect>;
  /** Principal or NotPrincipal; absent in identity-based policies. */
  principal?: PrincipalBlock;
  /** Action or NotAction. */
  action: ValueBlock;
  /** Resource or NotResource; absent in trust policies. */
  resource?: ValueBlock;
  conditions: ConditionEntry[];
  at: Span;
}

export interface ValueBlock {
  /** true for NotAction / NotResource / NotPrincipal. */
  not: boolean;
  values: Located[];
  at: Span;
}

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

export interface PrincipalBlock {
  not: boolean;
  /** `"Principal": "*"` — everyone, anonymous included (same as `{"AWS": "*"}`). */
  wildcard: boolean;
  entries: PrincipalEntry[];
  at: Span;
}

export interface PrincipalEntry {
  type: PrincipalType;
  value: Located;
}

export interface ConditionEntry {
  /** As written, qualifiers included: `ForAnyValue:StringLikeIfExists`. */
  operator: Located;
  key: Located;
  values: Located[];
  at: Span;
}

/** Access Analyzer's finding types (ValidatePolicy `findingType`). */
export type Severity = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

export interface Finding {
  /** Stable, kebab-case: `unknown-action`, `json-syntax`, … */
  code: string;
  severity: Severity;
  /** Where in the document: `Statement[1].Resource[0]`; empty for the whole document. */
  path: string;
  at: Span;
  message: string;
  fix?: string;
  /** The user text the finding is about (an ARN, an action…), for messages that quote it (AWS's own). */
  value?: string;
}

// ---- requests -------------------------------------------------------------------------------

export type ContextValue = string | readonly string[];

/** Condition keys are case-insensitive: the map is keyed by the lower-cased key name. */
export type RequestContext = ReadonlyMap<string, ContextValue>;

export type CallerType = 'Account' | 'User' | 'AssumedRole' | 'FederatedUser' | 'Anonymous' | 'Service';

/** Who is asking, as far as policies can see it. */
export interface CallerFacts {
  type: CallerType;
  /** The principal ARN AWS puts in messages: user ARN, `arn:aws:sts::A:assumed-role/R/S`, `arn:aws:iam::A:root`; `*` for anonymous. */
  arn: string;
  /** 12-digit account; absent for anonymous and service principals. */
  account?: string;
  /** For an assumed-role session: the role ARN (`arn:aws:iam::A:role/path/R`), which resource policies may name. */
  roleArn?: string;
  /** AWS service principal name (`ec2.amazonaws.com`) when type is Service. */
  service?: string;
  /** Federated provider (`cognito-identity.amazonaws.com`, a SAML provider ARN) for web identity / SAML sessions. */
  federatedProvider?: string;
}

export interface AuthzRequest {
  caller: CallerFacts;
  action: string;
  resource: string;
  /** The account that owns the resource; when it differs from the caller's, both sides must allow. */
  resourceAccount?: string;
  context: RequestContext;
}

// ---- decisions ------------------------------------------------------------------------------

export type Verdict = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export type PolicySide = 'identity' | 'resource' | 'permissionsBoundary' | 'session' | 'scp' | 'rcp';

/** Names a stored or supplied policy so explanations can point at it. */
export interface PolicyRef {
  /** Stable id: a policy ARN, `user/David/inline/allow-x`, `file.json`, `case c1 identity[0]`. */
  id: string;
  /** Human name (policy name, file name). */
  name?: string;
}

export interface Reason {
  side: PolicySide;
  policy: PolicyRef;
  /** Statement index within the policy. */
  statement: number;
  sid?: string;
  effect: Effect;
  at?: Loc;
  /** Set when the statement could not be evaluated (e.g. an unknown operator); it is then skipped. */
  problem?: string;
}

export interface Decision {
  verdict: Verdict;
  /** Statements that applied and decided: the denies for ExplicitlyDenied, the allows for Allowed. */
  reasons: Reason[];
  /** For ImplicitlyDenied: the side whose allow was missing (first one, in AWS's order). */
  missing?: PolicySide;
  /** For ExplicitlyDenied: the side of the deciding deny. */
  deniedBy?: PolicySide;
  /** AWS's AccessDenied text, or null when allowed. */
  message: string | null;
  /** Statements skipped because they could not be evaluated. */
  problems: Reason[];
}
