import type { AwsError } from '../errors.js';
import type { OperationModel, ServiceModel, Shape, StructureShape } from '../model/model-types.js';
import { escapeXml } from '../xml/escape-xml.js';

// Operation outputs and errors as AWS query services write them, indented as IAM and STS indent them:
//   <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
//     <GetCallerIdentityResult>
//       <Arn>…</Arn>
//     </GetCallerIdentityResult>
//     <ResponseMetadata>
//       <RequestId>…</RequestId>
//     </ResponseMetadata>
//   </GetCallerIdentityResponse>
// Lists are `<member>` elements, timestamps ISO 8601 in whole seconds, booleans `true`/`false`.
// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#response-serialization

export interface SerializedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function serializeQueryResponse(
  model: ServiceModel,
  operation: OperationModel,
  output: unknown,
  requestId: string,
): SerializedResponse {
  const lines = [`<${operation.name}Response xmlns="${escapeXml(model.xmlNamespace ?? '')}">`];
  if (operation.output) {
    const wrapper = operation.resultWrapper ?? `${operation.name}Result`;
    const inner: string[] = [];
    writeMembers(operation.output, (output ?? {}) as Record<string, unknown>, '    ', inner);
    if (inner.length === 0) lines.push(`  <${wrapper}/>`);
    else lines.push(`  <${wrapper}>`, ...inner, `  </${wrapper}>`);
  }
  lines.push(
    '  <ResponseMetadata>',
    `    <RequestId>${escapeXml(requestId)}</RequestId>`,
    '  </ResponseMetadata>',
  );
  lines.push(`</${operation.name}Response>`);
  return { status: 200, headers: headers(requestId), body: `${lines.join('\n')}\n` };
}

export function serializeQueryError(
  model: ServiceModel,
  error: AwsError,
  requestId: string,
): SerializedResponse {
  const ns = error.xmlNamespace ?? model.xmlNamespace ?? '';
  const lines = [`<ErrorResponse xmlns="${escapeXml(ns)}">`, '  <Error>', `    <Type>${error.fault}</Type>`];
  lines.push(`    <Code>${escapeXml(error.code)}</Code>`);
  if (error.awsMessage !== undefined) lines.push(`    <Message>${escapeXml(error.awsMessage)}</Message>`);
  for (const [name, value] of Object.entries(error.extra ?? {})) {
    lines.push(`    <${name}>${escapeXml(value)}</${name}>`);
  }
  lines.push('  </Error>', `  <RequestId>${escapeXml(requestId)}</RequestId>`, '</ErrorResponse>');
  return { status: error.status, headers: headers(requestId), body: `${lines.join('\n')}\n` };
}

function headers(requestId: string): Record<string, string> {
  return { 'content-type': 'text/xml', 'x-amzn-requestid': requestId };
}

function writeMembers(
  shape: StructureShape,
  value: Record<string, unknown>,
  indent: string,
  out: string[],
): void {
  for (const [name, member] of shape.members) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    const element = member.locationName ?? name;
    if (member.shape.type === 'list' && (member.flattened === true || member.shape.flattened)) {
      if (!Array.isArray(v)) continue;
      const itemName = member.shape.member.locationName ?? element;
      for (const item of v) writeElement(itemName, member.shape.member.shape, item, indent, out);
    } else writeElement(element, member.shape, v, indent, out);
  }
}

function writeElement(name: string, shape: Shape, value: unknown, indent: string, out: string[]): void {
  if (value === undefined || value === null) return;
  const deeper = `${indent}  `;
  switch (shape.type) {
    case 'structure': {
      const inner: string[] = [];
      writeMembers(shape, value as Record<string, unknown>, deeper, inner);
      if (inner.length === 0) out.push(`${indent}<${name}/>`);
      else out.push(`${indent}<${name}>`, ...inner, `${indent}</${name}>`);
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) return;
      const itemName = shape.member.locationName ?? 'member';
      const inner: string[] = [];
      for (const item of value) writeElement(itemName, shape.member.shape, item, deeper, inner);
      if (inner.length === 0) out.push(`${indent}<${name}/>`);
      else out.push(`${indent}<${name}>`, ...inner, `${indent}</${name}>`);
      return;
    }
    case 'map': {
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as object);
      const keyName = shape.key.locationName ?? 'key';
      const valueName = shape.value.locationName ?? 'value';
      // A flattened map repeats `<Name>` for each entry instead of nesting `<entry>` elements.
      const entryName = shape.flattened ? name : 'entry';
      const entryIndent = shape.flattened ? indent : deeper;
      const inner: string[] = [];
      for (const [k, v] of entries) {
        inner.push(`${entryIndent}<${entryName}>`);
        writeElement(keyName, shape.key.shape, k, `${entryIndent}  `, inner);
        writeElement(valueName, shape.value.shape, v, `${entryIndent}  `, inner);
        inner.push(`${entryIndent}</${entryName}>`);
      }
      if (shape.flattened) out.push(...inner);
      else if (inner.length === 0) out.push(`${indent}<${name}/>`);
      else out.push(`${indent}<${name}>`, ...inner, `${indent}</${name}>`);
      return;
    }
    default: {
      const text = scalarText(shape, value);
      if (text !== undefined) out.push(`${indent}<${name}>${escapeXml(text)}</${name}>`);
    }
  }
}

function scalarText(shape: Shape, value: unknown): string | undefined {
  switch (shape.type) {
    case 'timestamp':
      return formatTimestamp(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
    case 'blob':
      if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
      return typeof value === 'string' ? Buffer.from(value, 'utf8').toString('base64') : undefined;
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

// `2013-05-08T23:34:01Z`: AWS's query services give whole seconds.
function formatTimestamp(value: unknown): string | undefined {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
