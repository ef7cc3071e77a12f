import { XMLParser } from 'fast-xml-parser';
import type { Member, Shape, StructureShape } from '../model/model-types.js';

// An XML request document (CreateBucketConfiguration, Delete, Tagging, AccessControlPolicy…) read into its
// model shape: element names from `locationName`, lists wrapped or flattened, attributes (the Grantee's
// `xsi:type`), namespaces ignored. Anything that is not well-formed, has another root, lacks a required
// element or holds a value of the wrong type is refused: S3 answers all of these with MalformedXML.

export type XmlReadResult = { ok: true; value: Record<string, unknown> } | { ok: false };

const ATTRIBUTE = '@_';
const TEXT = '#text';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE,
  textNodeName: TEXT,
  removeNSPrefix: true,
  // Values stay text: the shape says what they are, and keys keep their spaces.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Character references (`&#xD;` in a key) are decoded; entity declarations are refused below.
  htmlEntities: true,
});

/** Reads `document`, whose root element must be `root`, as `shape`. */
export function readXmlDocument(document: string, root: string, shape: StructureShape): XmlReadResult {
  // No DTDs: they serve only entity expansion, which S3 does not do.
  if (/<!DOCTYPE/i.test(document)) return { ok: false };
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(document, true) as Record<string, unknown>;
  } catch {
    return { ok: false };
  }
  const roots = Object.keys(parsed).filter((k) => k !== TEXT);
  if (roots.length !== 1 || roots[0] !== localName(root) || Array.isArray(parsed[roots[0]])) {
    return { ok: false };
  }
  try {
    return { ok: true, value: readStructure(shape, parsed[roots[0]]) };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false };
    throw error;
  }
}

class Malformed extends Error {}

interface Field {
  member: string;
  /** The element (or attribute) name without its namespace prefix. */
  name: string;
  attribute: boolean;
  flattened: boolean;
  target: Member;
}

const fieldsCache = new WeakMap<StructureShape, Field[]>();

function fieldsOf(shape: StructureShape): Field[] {
  let fields = fieldsCache.get(shape);
  if (!fields) {
    fields = [];
    for (const [name, member] of shape.members) {
      // Members carried by headers or the URI are not part of a document.
      if (member.location !== undefined) continue;
      const list = member.shape.type === 'list' ? member.shape : undefined;
      fields.push({
        member: name,
        name: localName(member.locationName ?? name),
        attribute: member.xmlAttribute === true,
        flattened: member.flattened === true || list?.flattened === true,
        target: member,
      });
    }
    fieldsCache.set(shape, fields);
  }
  return fields;
}

function readStructure(shape: StructureShape, node: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof node === 'object' && node !== null) {
    const element = node as Record<string, unknown>;
    for (const field of fieldsOf(shape)) {
      const raw = field.attribute ? element[ATTRIBUTE + field.name] : element[field.name];
      if (raw === undefined) continue;
      const value = readMember(field, raw);
      if (value !== undefined) out[field.member] = value;
    }
  } else if (typeof node !== 'string' || node.trim() !== '') throw new Malformed();
  for (const name of shape.required) if (out[name] === undefined) throw new Malformed();
  return out;
}

function readMember(field: Field, raw: unknown): unknown {
  const shape = field.target.shape;
  if (shape.type === 'list') {
    const itemShape = shape.member.shape;
    if (field.flattened) return toArray(raw).map((item) => readValue(itemShape, item));
    if (typeof raw === 'string') {
      if (raw.trim() !== '') throw new Malformed();
      return [];
    }
    if (Array.isArray(raw)) throw new Malformed();
    const items = (raw as Record<string, unknown>)[localName(shape.member.locationName ?? 'member')];
    return items === undefined ? [] : toArray(items).map((item) => readValue(itemShape, item));
  }
  if (Array.isArray(raw)) throw new Malformed();
  return readValue(shape, raw);
}

function readValue(shape: Shape, node: unknown): unknown {
  switch (shape.type) {
    case 'structure':
      return readStructure(shape, node);
    case 'list':
    case 'map':
      // No S3 request document nests a list directly in a list, or has a map.
      throw new Malformed();
    default:
      return readScalar(shape, textOf(node));
  }
}

function readScalar(shape: Shape, text: string): unknown {
  switch (shape.type) {
    case 'string':
      return text;
    case 'integer':
    case 'long': {
      const trimmed = text.trim();
      if (!/^[+-]?[0-9]+$/.test(trimmed)) throw new Malformed();
      const n = Number(trimmed);
      if (!Number.isSafeInteger(n)) throw new Malformed();
      return n;
    }
    case 'float':
    case 'double': {
      const n = Number(text.trim());
      if (text.trim() === '' || Number.isNaN(n)) throw new Malformed();
      return n;
    }
    case 'boolean': {
      const lower = text.trim().toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      throw new Malformed();
    }
    case 'timestamp': {
      const ms = Date.parse(text.trim());
      if (Number.isNaN(ms)) throw new Malformed();
      return new Date(ms);
    }
    case 'blob':
      return new Uint8Array(Buffer.from(text.trim(), 'base64'));
    default:
      throw new Malformed();
  }
}

/** A leaf element's text: the parser gives a string, or an object when the element has attributes. */
function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
    const element = node as Record<string, unknown>;
    const text = element[TEXT];
    if (Object.keys(element).some((k) => k !== TEXT && !k.startsWith(ATTRIBUTE))) throw new Malformed();
    return typeof text === 'string' ? text : '';
  }
  throw new Malformed();
}

function toArray(raw: unknown): unknown[] {
  return Array.isArray(raw) ? raw : [raw];
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
