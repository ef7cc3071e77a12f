import type { ListShape, MapShape, Member, Shape, StructureShape } from '../model/model-types.js';

// Reads AWS query parameters into an operation's input, driven by its model shape:
//   UserName=bob                       → { UserName: 'bob' }
//   Tags.member.1.Key=k                → { Tags: [{ Key: 'k' }] }       (list items are 1-based)
//   PolicyArns=                        → { PolicyArns: [] }              (botocore's empty list)
//   Attributes.entry.1.key / .value    → { Attributes: { k: v } }
// Unknown parameters are ignored and the first of duplicate parameters wins, as AWS does.
// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html

export type ReadResult =
  | { ok: true; input: Record<string, unknown> }
  | { ok: false; message: string | undefined };

export function readQueryInput(shape: StructureShape, params: ReadonlyMap<string, string>): ReadResult {
  const root = buildTree(params);
  try {
    return { ok: true, input: readStructure(shape, root) };
  } catch (error) {
    if (error instanceof MalformedValue) return { ok: false, message: error.awsMessage };
    throw error;
  }
}

interface Node {
  value?: string;
  children?: Map<string, Node>;
}

class MalformedValue extends Error {
  constructor(readonly awsMessage: string | undefined) {
    super(awsMessage ?? 'malformed value');
  }
}

function buildTree(params: ReadonlyMap<string, string>): Node {
  const root: Node = {};
  for (const [key, value] of params) {
    let node = root;
    for (const segment of key.split('.')) {
      node.children ??= new Map();
      let next = node.children.get(segment);
      if (!next) {
        next = {};
        node.children.set(segment, next);
      }
      node = next;
    }
    node.value ??= value;
  }
  return root;
}

function readStructure(shape: StructureShape, node: Node): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of shape.members) {
    const child = node.children?.get(member.locationName ?? name);
    if (!child) continue;
    const value = readValue(member, child);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function readValue(member: Member, node: Node): unknown {
  const shape = member.shape;
  switch (shape.type) {
    case 'structure':
      return node.children ? readStructure(shape, node) : undefined;
    case 'list':
      return readList(shape, member, node);
    case 'map':
      return readMap(shape, member, node);
    default:
      return node.value === undefined ? undefined : readScalar(shape, node.value);
  }
}

function readList(shape: ListShape, member: Member, node: Node): unknown[] | undefined {
  const flattened = member.flattened === true || shape.flattened;
  const items = flattened ? node : node.children?.get(shape.member.locationName ?? 'member');
  if (!items?.children) return node.value === '' ? [] : undefined;
  const out: unknown[] = [];
  for (const index of positions(items)) {
    const value = readValue(shape.member, items.children.get(index) as Node);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function readMap(shape: MapShape, member: Member, node: Node): Record<string, unknown> | undefined {
  const flattened = member.flattened === true || shape.flattened;
  const entries = flattened ? node : node.children?.get('entry');
  if (!entries?.children) return node.value === '' ? {} : undefined;
  const pairs: [string, unknown][] = [];
  for (const index of positions(entries)) {
    const entry = entries.children.get(index) as Node;
    const key = entry.children?.get(shape.key.locationName ?? 'key')?.value;
    const valueNode = entry.children?.get(shape.value.locationName ?? 'value');
    if (key === undefined || !valueNode) continue;
    const value = readValue(shape.value, valueNode);
    if (value !== undefined) pairs.push([key, value]);
  }
  // fromEntries defines own properties, so a key such as `__proto__` stays data.
  return Object.fromEntries(pairs);
}

// Item positions `1`, `2`, … in numeric order; gaps are closed up, other names ignored. Never allocates by
// the index's value, so `member.99999999` costs one item.
function positions(node: Node): string[] {
  const keys = [...(node.children?.keys() ?? [])].filter((k) => /^[1-9][0-9]*$/.test(k));
  return keys.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

const int32 = { min: -2147483648, max: 2147483647 };

function readScalar(shape: Shape, text: string): unknown {
  switch (shape.type) {
    case 'string':
      return text;
    case 'integer':
    case 'long': {
      // AWS accepts `+900` and `0900`, and answers MalformedInput for `900.0`, `abc` or an overflow.
      if (text === '') throw new MalformedValue('missing value for decimal type');
      if (!/^[+-]?[0-9]+$/.test(text)) throw new MalformedValue(undefined);
      const n = Number(text);
      const limits =
        shape.type === 'integer' ? int32 : { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
      if (n < limits.min || n > limits.max) throw new MalformedValue(undefined);
      return n;
    }
    case 'float':
    case 'double': {
      if (text === '') throw new MalformedValue('missing value for decimal type');
      if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text))
        throw new MalformedValue(undefined);
      return Number(text);
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      throw new MalformedValue(undefined);
    }
    case 'timestamp': {
      const date = parseTimestamp(text);
      if (!date) throw new MalformedValue(undefined);
      return date;
    }
    case 'blob': {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new MalformedValue(undefined);
      return new Uint8Array(Buffer.from(text, 'base64'));
    }
    default:
      return undefined;
  }
}

// Query inputs carry ISO 8601 timestamps; epoch seconds are accepted too.
function parseTimestamp(text: string): Date | undefined {
  if (/^[0-9]{1,12}(\.[0-9]+)?$/.test(text)) return new Date(Number(text) * 1000);
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text))
    return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
