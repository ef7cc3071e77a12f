import type { AwsError } from '../errors.js';
import type { Shape } from '../model/model-types.js';
import type { InputPlan, ValuePlan } from './operation-plan.js';
import { invalidArgument } from './s3-protocol-errors.js';
import { decodeMetadataValue } from './s3-quirks.js';

// Input members carried by headers and query keys: text in, typed values out (integers, booleans, HTTP
// dates, comma-separated lists, the `x-amz-meta-` map). Unknown headers and keys are ignored, as S3 does.

export type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** Reads every header the operation declares into `input`; an S3 error for a value of the wrong type. */
export function readHeaderMembers(
  plan: InputPlan,
  headers: Headers,
  input: Record<string, unknown>,
): AwsError | undefined {
  for (const name of Object.keys(headers)) {
    const raw = headers[name];
    if (raw === undefined) continue;
    const text = headerText(raw);
    const value = plan.headers.get(name);
    if (value) {
      const read = readValue(value, text, value.shape);
      if (read instanceof Invalid) return invalid(value, text, read);
      if (read !== undefined) input[value.member] = read;
      continue;
    }
    for (const prefix of plan.prefixHeaders) {
      if (!name.startsWith(prefix.wire)) continue;
      // User metadata names are case-insensitive: node:http has lower-cased them already.
      let map = input[prefix.member] as Record<string, string> | undefined;
      if (!map) {
        map = {};
        input[prefix.member] = map;
      }
      map[name.slice(prefix.wire.length)] = decodeMetadataValue(text);
    }
  }
  return undefined;
}

/** Reads the query keys the operation declares into `input`. */
export function readQueryMembers(
  plan: InputPlan,
  query: ReadonlyMap<string, string>,
  input: Record<string, unknown>,
): AwsError | undefined {
  for (const [key, text] of query) {
    const value = plan.query.get(key);
    if (!value) continue;
    const read = readValue(value, text, value.shape);
    if (read instanceof Invalid) return invalid(value, text, read);
    if (read !== undefined) input[value.member] = read;
  }
  return undefined;
}

class Invalid {
  constructor(readonly message: string) {}
}

function invalid(value: ValuePlan, text: string, read: Invalid): AwsError {
  return invalidArgument(read.message.replace('{}', value.wire), value.wire, text);
}

const int32 = { min: -2147483648, max: 2147483647 };

function readValue(plan: ValuePlan, text: string, shape: Shape): unknown {
  switch (shape.type) {
    case 'string':
      return text;
    case 'integer':
    case 'long': {
      const limits =
        shape.type === 'integer' ? int32 : { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
      const n = /^\s*[+-]?[0-9]+\s*$/.test(text) ? Number(text) : Number.NaN;
      if (!(n >= limits.min && n <= limits.max)) {
        return new Invalid('Provided {} not an integer or within integer range');
      }
      return n;
    }
    case 'float':
    case 'double': {
      const n = Number(text);
      return text.trim() === '' || Number.isNaN(n) ? new Invalid('Provided {} not a number') : n;
    }
    case 'boolean': {
      const lower = text.trim().toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      return new Invalid('Provided {} not a boolean');
    }
    case 'timestamp': {
      // An unreadable date is ignored, as HTTP says of conditional headers (If-Modified-Since).
      const ms =
        plan.timestampFormat === 'unixTimestamp' && /^[0-9]+(\.[0-9]+)?$/.test(text)
          ? Number(text) * 1000
          : Date.parse(text);
      return Number.isNaN(ms) ? undefined : new Date(ms);
    }
    case 'list': {
      const items: unknown[] = [];
      for (const part of text.split(',')) {
        const item = part.trim();
        if (item === '') continue;
        const read = readValue(plan, item, shape.member.shape);
        if (read instanceof Invalid) return read;
        if (read !== undefined) items.push(read);
      }
      return items;
    }
    case 'blob':
      return new Uint8Array(Buffer.from(text, 'base64'));
    default:
      return undefined;
  }
}

/**
 * node:http gives header bytes as Latin-1 code units; clients send UTF-8, so a value with bytes above
 * 0x7F is read again as UTF-8 when it is valid UTF-8. Repeated headers are joined with commas.
 */
function headerText(raw: string | string[]): string {
  const text = typeof raw === 'string' ? raw : raw.join(',');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is for bytes above ASCII
  if (!/[^\x00-\x7f]/.test(text)) return text;
  const bytes = Buffer.from(text, 'latin1');
  try {
    return utf8.decode(bytes);
  } catch {
    return text;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
