import type { ContextValue, PolicyRef } from '../types.js';
import type { PolicySource, SimulationError, SimulationInput } from './simulation-input.js';

/**
 * Reads one case of `trustlab simulate --cases` (JSON Lines), e.g.
 * `{"id":"c1","request":{"principal":…,"action":…,"resource":…,"resourceAccount"?,"context"?},
 *   "identityPolicies":[…],"resourcePolicy":…|null,"permissionsBoundary":…|null,"sessionPolicies":[…],"scps":[[…]]}`.
 * Unknown fields are ignored.
 */
export function readCase(input: unknown, line?: number): SimulationInput | SimulationError {
  const id = isRecord(input) && typeof input.id === 'string' ? input.id : null;
  const fail = (message: string): SimulationError => ({
    id,
    ...(line === undefined ? {} : { line }),
    error: { code: 'MalformedCase', message },
  });
  if (!isRecord(input)) return fail('a case must be a JSON object');
  if (id === null) return fail('`id` must be a string');
  const request = input.request;
  if (!isRecord(request)) return fail('`request` must be an object');
  for (const field of ['principal', 'action', 'resource'] as const) {
    if (typeof request[field] !== 'string' || request[field] === '') {
      return fail(`\`request.${field}\` must be a non-empty string`);
    }
  }
  if (request.resourceAccount !== undefined && typeof request.resourceAccount !== 'string') {
    return fail('`request.resourceAccount` must be a string');
  }
  const context = readContext(request.context);
  if (typeof context === 'string') return fail(context);

  try {
    const one = (field: string) => optionalPolicy(input[field], field, id);
    const resourcePolicy = one('resourcePolicy');
    const permissionsBoundary = one('permissionsBoundary');
    const sessionPolicies =
      input.sessionPolicies === undefined || input.sessionPolicies === null
        ? undefined
        : policyList(input.sessionPolicies, 'sessionPolicies', id);
    const scps = policyLevels(input.scps, 'scps', id);
    const rcps = policyLevels(input.rcps, 'rcps', id);
    return {
      id,
      principal: request.principal as string,
      action: request.action as string,
      resource: request.resource as string,
      ...(request.resourceAccount === undefined ? {} : { resourceAccount: request.resourceAccount }),
      context,
      identityPolicies: policyList(input.identityPolicies, 'identityPolicies', id),
      ...(resourcePolicy ? { resourcePolicy } : {}),
      ...(permissionsBoundary ? { permissionsBoundary } : {}),
      ...(sessionPolicies ? { sessionPolicies } : {}),
      ...(scps ? { scps } : {}),
      ...(rcps ? { rcps } : {}),
    };
  } catch (error) {
    if (error instanceof CaseShapeError) return fail(error.message);
    throw error;
  }
}

/** Thrown only inside readCase to leave the nested readers early; never escapes. */
class CaseShapeError extends Error {}

function optionalPolicy(value: unknown, where: string, id: string): PolicySource | undefined {
  return value === undefined || value === null ? undefined : policySource(value, where, id);
}

function policySource(value: unknown, where: string, id: string): PolicySource {
  if (!isRecord(value)) throw new CaseShapeError(`\`${where}\` must be a policy object`);
  // Pretty-printed so the explanation's line numbers point at something a reader can find.
  const ref: PolicyRef = { id: `case ${id} ${where}`, name: where };
  return { text: JSON.stringify(value, null, 2), ref };
}

function policyList(value: unknown, where: string, id: string): PolicySource[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new CaseShapeError(`\`${where}\` must be an array of policies`);
  return value.map((item, i) => policySource(item, `${where}[${i}]`, id));
}

function policyLevels(value: unknown, where: string, id: string): PolicySource[][] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value))
    throw new CaseShapeError(`\`${where}\` must be an array with one array of policies per level`);
  return value.map((level, i) => policyList(level, `${where}[${i}]`, id));
}

function readContext(value: unknown): Record<string, ContextValue> | string {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return '`request.context` must be an object';
  const context: Record<string, ContextValue> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') context[key] = entry;
    else if (Array.isArray(entry) && entry.every((item) => typeof item === 'string')) context[key] = entry;
    else return `\`request.context["${key}"]\` must be a string or an array of strings`;
  }
  return context;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
