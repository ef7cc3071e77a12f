import type { ContextValue, PolicyRef } from '../types.js';

/** A policy as text with the name explanations should cite (a file path, `case c1 identityPolicies[0]`). */
export interface PolicySource {
  text: string;
  ref: PolicyRef;
}

/** Everything one simulated decision needs, before parsing. */
export interface SimulationInput {
  id: string;
  principal: string;
  action: string;
  resource: string;
  resourceAccount?: string;
  context: Record<string, ContextValue>;
  identityPolicies: PolicySource[];
  resourcePolicy?: PolicySource;
  permissionsBoundary?: PolicySource;
  sessionPolicies?: PolicySource[];
  /** One array of policies per level of the organization path, root first. */
  scps?: PolicySource[][];
  rcps?: PolicySource[][];
}

export interface SimulationError {
  id: string | null;
  line?: number;
  error: { code: 'MalformedCase' | 'MalformedPolicy'; message: string };
}
