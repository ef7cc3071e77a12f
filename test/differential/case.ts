// The differential case: the JSON Lines shape of `trustlab simulate --cases`, policies as JSON objects.

export type ContextJson = Record<string, string | string[]>;

/** A policy document as JSON (what a user writes); kept loose so generators can build any form. */
export interface PolicyJson {
  Version: string;
  /** AWS accepts one statement object as well as an array. */
  Statement: StatementJson | StatementJson[];
}

export type StatementJson = Record<string, unknown>;

export interface DiffCase {
  id: string;
  request: {
    principal: string;
    action: string;
    resource: string;
    resourceAccount: string;
    context: ContextJson;
  };
  identityPolicies: PolicyJson[];
  resourcePolicy: PolicyJson | null;
  permissionsBoundary: PolicyJson | null;
  sessionPolicies: PolicyJson[];
  /** One array of policies per organization level, root first; the caller's account last. */
  scps: PolicyJson[][];
  /** Same, for the resource's account. Each generated level carries an explicit RCPFullAWSAccess. */
  rcps: PolicyJson[][];
}

export type DiffVerdict = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** An engine's answer, or why it could not answer (rejected input, thrown error). */
export type EngineResult = { verdict: DiffVerdict } | { error: string };
