import type { Shape, StructureShape } from '../model/model-types.js';

// The constraints AWS's servers check on every input before an operation runs, from the model's traits.
// Failures are data; render-validation.ts turns them into AWS's ValidationError message.

export type ValidationFailure =
  | (FailureBase & { kind: 'required' })
  | (FailureBase & { kind: 'pattern'; pattern: string })
  | (FailureBase & { kind: 'length'; bound: 'min' | 'max'; limit: number })
  | (FailureBase & { kind: 'range'; bound: 'min' | 'max'; limit: number })
  | (FailureBase & { kind: 'enum'; values: readonly string[] });

interface FailureBase {
  /** AWS's path: member names with a lower-case first letter, list items as `tags.1.member.key`. */
  path: string;
  value: unknown;
  /** The shape is `sensitive`: AWS leaves the value out of its message. */
  sensitive: boolean;
}

/** Every failure of `input` against `shape`, in the model's member order (AWS reports them all). */
export function checkInput(shape: StructureShape, input: unknown): ValidationFailure[] {
  const failures: ValidationFailure[] = [];
  checkStructure(shape, input, '', failures);
  return failures;
}

function checkStructure(shape: StructureShape, value: unknown, path: string, out: ValidationFailure[]): void {
  const record = (value ?? {}) as Record<string, unknown>;
  for (const [name, member] of shape.members) {
    const memberPath = path === '' ? lowerFirst(name) : `${path}.${lowerFirst(name)}`;
    const memberValue = record[name];
    if (memberValue === undefined || memberValue === null) {
      if (shape.required.has(name)) {
        out.push({ kind: 'required', path: memberPath, value: null, sensitive: member.shape.sensitive });
      }
      continue;
    }
    checkValue(member.shape, memberValue, memberPath, out);
  }
}

function checkValue(shape: Shape, value: unknown, path: string, out: ValidationFailure[]): void {
  const base = { path, value, sensitive: shape.sensitive };
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') return;
      if (shape.enum && !shape.enum.includes(value)) out.push({ ...base, kind: 'enum', values: shape.enum });
      // AWS reports the pattern before the length (STS: `Value '' at 'roleArn'`: pattern; length).
      if (shape.pattern && !shape.pattern.regex.test(value)) {
        out.push({ ...base, kind: 'pattern', pattern: shape.pattern.source });
      }
      checkBounds(shape, codePointLength(value), 'length', base, out);
      return;
    }
    case 'blob':
      if (value instanceof Uint8Array) checkBounds(shape, value.byteLength, 'length', base, out);
      return;
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      if (typeof value === 'number') checkBounds(shape, value, 'range', base, out);
      return;
    case 'list': {
      if (!Array.isArray(value)) return;
      checkBounds(shape, value.length, 'length', base, out);
      value.forEach((item, i) => {
        if (item !== undefined && item !== null)
          checkValue(shape.member.shape, item, `${path}.${i + 1}.member`, out);
      });
      return;
    }
    case 'map': {
      if (value === null || typeof value !== 'object') return;
      const entries = Object.entries(value);
      checkBounds(shape, entries.length, 'length', base, out);
      entries.forEach(([k, v], i) => {
        checkValue(shape.key.shape, k, `${path}.${i + 1}.key`, out);
        if (v !== undefined && v !== null) checkValue(shape.value.shape, v, `${path}.${i + 1}.value`, out);
      });
      return;
    }
    case 'structure':
      checkStructure(shape, value, path, out);
      return;
    default:
      return;
  }
}

function checkBounds(
  shape: { min?: number; max?: number },
  measure: number,
  kind: 'length' | 'range',
  base: FailureBase,
  out: ValidationFailure[],
): void {
  if (shape.min !== undefined && measure < shape.min)
    out.push({ ...base, kind, bound: 'min', limit: shape.min });
  if (shape.max !== undefined && measure > shape.max)
    out.push({ ...base, kind, bound: 'max', limit: shape.max });
}

// AWS counts lengths in code points: 2048 emoji pass a 2048 limit, 1025 `e`+U+0301 pairs fail it.
function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
