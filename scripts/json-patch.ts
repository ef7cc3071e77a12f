// The subset of JSON Patch (RFC 6902) our model corrections use: add, remove, replace and test.
// Each entry also says why it exists and where the truth comes from.
export interface ModelPatch {
  op: 'add' | 'remove' | 'replace' | 'test';
  path: string;
  value?: unknown;
  reason: string;
  source: string;
}

export function applyJsonPatch(doc: unknown, patches: readonly ModelPatch[]): unknown {
  let result = structuredClone(doc);
  for (const patch of patches) result = applyOne(result, patch);
  return result;
}

function applyOne(doc: unknown, patch: ModelPatch): unknown {
  const tokens = parsePointer(patch.path);
  if (tokens.length === 0) {
    if (patch.op === 'test') return assertEqual(doc, patch);
    return patch.op === 'remove' ? undefined : patch.value;
  }
  const last = tokens[tokens.length - 1] as string;
  let parent: unknown = doc;
  for (const token of tokens.slice(0, -1)) parent = child(parent, token, patch);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) fail(patch, `bad index ${last}`);
    if (patch.op === 'add') parent.splice(index, 0, patch.value);
    else if (index >= parent.length) fail(patch, `no element ${last}`);
    else if (patch.op === 'remove') parent.splice(index, 1);
    else if (patch.op === 'replace') parent[index] = patch.value;
    else assertEqual(parent[index], patch);
    return doc;
  }
  if (parent === null || typeof parent !== 'object') fail(patch, 'parent is not a container');
  const obj = parent as Record<string, unknown>;
  if (patch.op !== 'add' && !Object.hasOwn(obj, last)) fail(patch, `no member ${last}`);
  if (patch.op === 'remove') delete obj[last];
  else if (patch.op === 'test') assertEqual(obj[last], patch);
  else obj[last] = patch.value;
  return doc;
}

function child(parent: unknown, token: string, patch: ModelPatch): unknown {
  if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, token)) {
    fail(patch, `path does not exist at ${token}`);
  }
  return (parent as Record<string, unknown>)[token];
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer must start with /: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function assertEqual(actual: unknown, patch: ModelPatch): unknown {
  if (JSON.stringify(actual) !== JSON.stringify(patch.value))
    fail(patch, 'test failed: the model changed upstream');
  return actual;
}

function fail(patch: ModelPatch, why: string): never {
  throw new Error(`patch ${patch.op} ${patch.path}: ${why}`);
}
