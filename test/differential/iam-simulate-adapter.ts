// Runs a differential case through @cloud-copilot/iam-simulate (AGPL: test and bench only, never src/).
// Its API: runSimulation(simulation, options) validates and loads every policy on each call and returns
// { resultType: 'error' | 'single' | 'wildcard', overallResult: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' }.

import { isDeepStrictEqual } from 'node:util';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { DiffCase, EngineResult, PolicyJson } from './case.js';
import { RCP_FULL_AWS_ACCESS } from './managed-policies.js';

export interface IamSimulateResult {
  result: EngineResult;
  /** Context keys iam-simulate dropped because the action/resource type does not carry them. */
  ignoredContextKeys: string[];
}

/**
 * Maps a case to iam-simulate's Simulation. `wrap` lets the benchmark hand in pre-validated
 * policies (iam-policy's createValidatedPolicy), which runSimulation accepts in place of raw JSON.
 */
export function toSimulation(
  c: DiffCase,
  wrap: (policy: PolicyJson, name: string) => unknown = (p) => p,
): Simulation {
  if (c.sessionPolicies.length > 1) throw new Error('iam-simulate takes one session policy');
  const session = c.sessionPolicies[0];
  const levels = (kind: string, list: PolicyJson[][], skip?: PolicyJson) =>
    list.map((level, i) => ({
      orgIdentifier: `${kind}-level-${i}`,
      policies: level
        .map((policy, j) => ({ name: `${kind}[${i}][${j}]`, policy }))
        .filter(({ policy }) => !skip || !isDeepStrictEqual(policy, skip))
        .map(({ name, policy }) => ({ name, policy: wrap(policy, name) })),
    }));
  return {
    request: {
      principal: c.request.principal,
      action: c.request.action,
      resource: { resource: c.request.resource, accountId: c.request.resourceAccount },
      contextVariables: c.request.context,
    },
    identityPolicies: c.identityPolicies.map((policy, i) => ({
      name: `identity[${i}]`,
      policy: wrap(policy, `identity[${i}]`),
    })),
    ...(c.resourcePolicy ? { resourcePolicy: wrap(c.resourcePolicy, 'resource') } : {}),
    ...(c.permissionsBoundary
      ? {
          permissionBoundaryPolicies: [{ name: 'boundary', policy: wrap(c.permissionsBoundary, 'boundary') }],
        }
      : {}),
    ...(session ? { sessionPolicy: wrap(session, 'session') } : {}),
    serviceControlPolicies: levels('scp', c.scps),
    // iam-simulate adds RCPFullAWSAccess to every level itself and rejects a user-supplied copy
    // (an RCP Allow, Action "*"), so the case's explicit copy is left out.
    resourceControlPolicies: levels('rcp', c.rcps, RCP_FULL_AWS_ACCESS),
  };
}

export async function runIamSimulate(c: DiffCase): Promise<IamSimulateResult> {
  try {
    const response = await runSimulation(toSimulation(c), { simulationMode: 'Strict' });
    if (response.resultType === 'error') {
      return {
        result: { error: `iam-simulate: ${JSON.stringify(response.errors)}` },
        ignoredContextKeys: [],
      };
    }
    const ignored =
      response.resultType === 'single'
        ? (response.result.ignoredContextKeys ?? [])
        : response.results.flatMap((r) => r.ignoredContextKeys ?? []);
    return { result: { verdict: response.overallResult }, ignoredContextKeys: ignored };
  } catch (error) {
    return { result: { error: `iam-simulate threw: ${(error as Error).message}` }, ignoredContextKeys: [] };
  }
}
