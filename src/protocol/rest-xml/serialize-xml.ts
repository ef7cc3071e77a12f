import type { Member, Shape, StructureShape } from '../model/model-types.js';
import { escapeXml } from '../xml/escape-xml.js';
import type { TimestampFormat } from './operation-plan.js';

// An S3 XML document as S3 writes it: the declaration, then one line with the root element in S3's
// namespace, no indentation. Absent members are left out; an empty wrapped list is an empty element
// (`<TagSet></TagSet>`); attributes such as the Grantee's `xsi:type` with their namespace declaration;
// timestamps ISO 8601 with milliseconds (`2026-11-23T10:00:00.000Z`).
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html#API_ListObjectsV2_ResponseSyntax

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function writeXmlDocument(
  root: string,
  shape: StructureShape,
  value: Record<string, unknown>,
  namespace: string | undefined,
): string {
  const ns = namespace ? ` xmlns="${namespace}"` : '';
  const { attributes, content } = writeStructure(shape, value);
  return `${DECLARATION}<${root}${ns}${attributes}>${content}</${root}>`;
}

/** A document that is one element holding text (GetBucketLocation's `<LocationConstraint>`). */
export function writeBareRootDocument(
  root: string,
  text: string | undefined,
  namespace: string | undefined,
): string {
  const ns = namespace ? ` xmlns="${namespace}"` : '';
  return text ? `${DECLARATION}<${root}${ns}>${escapeXml(text)}</${root}>` : `${DECLARATION}<${root}${ns}/>`;
}

interface Field {
  member: string;
  name: string;
  attribute: boolean;
  flattened: boolean;
  target: Member;
}

interface StructurePlan {
  /** Namespace declarations the element carries (`xmlns:xsi="…"`). */
  declarations: string;
  fields: Field[];
}

const plans = new WeakMap<StructureShape, StructurePlan>();

function planOf(shape: StructureShape): StructurePlan {
  let plan = plans.get(shape);
  if (!plan) {
    const ns = shape.xmlNamespace;
    const fields: Field[] = [];
    for (const [name, member] of shape.members) {
      // Header members of an output are written as headers, not elements.
      if (member.location !== undefined) continue;
      fields.push({
        member: name,
        name: member.locationName ?? name,
        attribute: member.xmlAttribute === true,
        flattened: member.flattened === true || (member.shape.type === 'list' && member.shape.flattened),
        target: member,
      });
    }
    plan = {
      declarations: ns?.prefix ? ` xmlns:${ns.prefix}="${escapeXml(ns.uri)}"` : '',
      fields,
    };
    plans.set(shape, plan);
  }
  return plan;
}

function writeStructure(
  shape: StructureShape,
  value: Record<string, unknown>,
): { attributes: string; content: string } {
  const plan = planOf(shape);
  let attributes = plan.declarations;
  let content = '';
  for (const field of plan.fields) {
    const v = value[field.member];
    if (v === undefined || v === null) continue;
    if (field.attribute) {
      const text = scalarText(field.target.shape, v, formatOf(field.target));
      if (text !== undefined) attributes += ` ${field.name}="${escapeXml(text)}"`;
    } else if (field.flattened && field.target.shape.type === 'list') {
      if (!Array.isArray(v)) continue;
      const item = field.target.shape.member;
      for (const entry of v) content += writeElement(field.name, item, entry);
    } else content += writeElement(field.name, field.target, v);
  }
  return { attributes, content };
}

function writeElement(name: string, member: Member, value: unknown): string {
  if (value === undefined || value === null) return '';
  const shape: Shape = member.shape;
  switch (shape.type) {
    case 'structure': {
      const { attributes, content } = writeStructure(shape, value as Record<string, unknown>);
      return `<${name}${attributes}>${content}</${name}>`;
    }
    case 'list': {
      if (!Array.isArray(value)) return '';
      const itemName = shape.member.locationName ?? 'member';
      let content = '';
      for (const item of value) content += writeElement(itemName, shape.member, item);
      return `<${name}>${content}</${name}>`;
    }
    case 'map': {
      const keyName = shape.key.locationName ?? 'key';
      const valueName = shape.value.locationName ?? 'value';
      let content = '';
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const entry = writeElement(keyName, shape.key, k) + writeElement(valueName, shape.value, v);
        content += shape.flattened ? `<${name}>${entry}</${name}>` : `<entry>${entry}</entry>`;
      }
      return shape.flattened ? content : `<${name}>${content}</${name}>`;
    }
    default: {
      const text = scalarText(shape, value, formatOf(member));
      return text === undefined ? '' : `<${name}>${escapeXml(text)}</${name}>`;
    }
  }
}

function formatOf(member: Member): TimestampFormat {
  const shape = member.shape;
  return (
    member.timestampFormat ?? (shape.type === 'timestamp' ? shape.timestampFormat : undefined) ?? 'iso8601'
  );
}

/** A scalar's text in a document or a header; undefined when the value cannot be one. */
export function scalarText(shape: Shape, value: unknown, format: TimestampFormat): string | undefined {
  switch (shape.type) {
    case 'string':
      return typeof value === 'string' ? value : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
    case 'timestamp':
      return formatTimestamp(value, format);
    case 'blob':
      if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
      return typeof value === 'string' ? Buffer.from(value, 'utf8').toString('base64') : undefined;
    default:
      return undefined;
  }
}

function formatTimestamp(value: unknown, format: TimestampFormat): string | undefined {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  if (format === 'rfc822') return date.toUTCString();
  if (format === 'unixTimestamp') return String(date.getTime() / 1000);
  return date.toISOString();
}
