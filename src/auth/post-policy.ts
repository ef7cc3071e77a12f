// The POST policy of a browser upload: a base64 JSON document with an expiration and the conditions
// every form field must meet. Parsing and checking are pure: the server turns the failures into S3's
// answers (InvalidPolicyDocument, AccessDenied "Invalid according to Policy: …", EntityTooSmall/Large).
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html

export interface PostPolicy {
  expiration: Date;
  conditions: readonly PostCondition[];
}

export type PostCondition =
  | {
      kind: 'match';
      operator: 'eq' | 'starts-with';
      /** Lower-case, without the `$`: form field names are case-insensitive. */
      field: string;
      value: string;
      /** The condition as S3 quotes it when it fails: `["eq", "$key", "a.txt"]`. */
      text: string;
    }
  | { kind: 'content-length-range'; min: number; max: number };

export type PostPolicyParse = { ok: true; policy: PostPolicy } | { ok: false; message: string };

export type PostPolicyFailure =
  | { kind: 'expired' }
  | { kind: 'condition-failed'; condition: string }
  | { kind: 'extra-fields'; fields: readonly string[] };

/** What the form said, for the check: fields by lower-case name and the names as sent. */
export interface PostFormFields {
  fields: ReadonlyMap<string, string>;
  names: readonly string[];
}

const INVALID_JSON = 'Invalid Policy: Invalid JSON.';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
// Fields a policy need not name: the signature, the policy itself, the file and `x-ignore-` fields.
const EXEMPT = new Set(['x-amz-signature', 'policy', 'file']);

/** Reads the policy field's base64 JSON (only once its signature matched: it is then the signer's). */
export function parsePostPolicy(base64: string): PostPolicyParse {
  if (!BASE64.test(base64)) return invalid(INVALID_JSON);
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
  } catch {
    return invalid(INVALID_JSON);
  }
  if (!isRecord(document)) return invalid(INVALID_JSON);
  const { expiration, conditions } = document;
  if (expiration === undefined) return invalid('Invalid Policy: Policy missing expiration.');
  if (typeof expiration !== 'string' || !ISO_8601.test(expiration) || Number.isNaN(Date.parse(expiration))) {
    return invalid(`Invalid Policy: Invalid 'expiration' value: '${String(expiration)}'`);
  }
  if (conditions === undefined) return invalid('Invalid Policy: Policy missing conditions.');
  if (!Array.isArray(conditions)) return invalid(INVALID_JSON);
  const read: PostCondition[] = [];
  for (const condition of conditions) {
    const one = readCondition(condition);
    if (typeof one === 'string') return invalid(one);
    read.push(one);
  }
  return { ok: true, policy: { expiration: new Date(expiration), conditions: read } };
}

/**
 * The first reason the form does not meet the policy: expired, a condition that fails (in the policy's
 * order), or fields no condition names. `bucket` is the bucket the request names; `key` in `form` is the
 * key after `${filename}` was replaced. The file's size is checked by contentLengthRange as it streams.
 */
export function checkPostPolicy(
  policy: PostPolicy,
  form: PostFormFields,
  bucket: string,
  now: Date,
): PostPolicyFailure | undefined {
  if (now.getTime() > policy.expiration.getTime()) return { kind: 'expired' };
  const named = new Set<string>();
  for (const condition of policy.conditions) {
    if (condition.kind !== 'match') continue;
    named.add(condition.field);
    const value = condition.field === 'bucket' ? bucket : form.fields.get(condition.field);
    if (!meets(condition.operator, value, condition.value)) {
      return { kind: 'condition-failed', condition: condition.text };
    }
  }
  const extra = form.names.filter((name) => {
    const lower = name.toLowerCase();
    return !EXEMPT.has(lower) && !lower.startsWith('x-ignore-') && !named.has(lower);
  });
  return extra.length > 0 ? { kind: 'extra-fields', fields: extra } : undefined;
}

/** The sizes the file may have: every content-length-range must hold. */
export function contentLengthRange(policy: PostPolicy): { min: number; max: number } | undefined {
  let range: { min: number; max: number } | undefined;
  for (const condition of policy.conditions) {
    if (condition.kind !== 'content-length-range') continue;
    range = {
      min: Math.max(range?.min ?? 0, condition.min),
      max: Math.min(range?.max ?? Number.MAX_SAFE_INTEGER, condition.max),
    };
  }
  return range;
}

function meets(operator: 'eq' | 'starts-with', value: string | undefined, expected: string): boolean {
  // `["starts-with", "$field", ""]` accepts any content.
  if (operator === 'starts-with') return expected === '' || (value ?? '').startsWith(expected);
  return value === expected;
}

// A condition is `{"field": "value"}` (an exact match), `["eq" | "starts-with", "$field", "value"]` or
// `["content-length-range", min, max]`. S3 calls a non-integer size invalid JSON.
function readCondition(condition: unknown): PostCondition | string {
  if (isRecord(condition)) {
    const entries = Object.entries(condition);
    const [entry] = entries;
    if (entries.length !== 1 || !entry) {
      return 'Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.';
    }
    const [field, value] = entry;
    if (typeof value !== 'string') return INVALID_JSON;
    return match('eq', field, value);
  }
  if (!Array.isArray(condition) || typeof condition[0] !== 'string') return INVALID_JSON;
  const [operator, first, second] = condition as [string, unknown, unknown];
  const op = operator.toLowerCase();
  if (op === 'content-length-range') {
    if (condition.length !== 3 || !isSize(first) || !isSize(second)) return INVALID_JSON;
    return { kind: 'content-length-range', min: first, max: second };
  }
  if (op === 'eq' || op === 'starts-with') {
    if (condition.length !== 3 || typeof first !== 'string' || typeof second !== 'string')
      return INVALID_JSON;
    if (!first.startsWith('$')) {
      return `Invalid Policy: Invalid Condition: field name must start with '$': ${JSON.stringify(first)}`;
    }
    return match(op, first.slice(1), second);
  }
  return `Invalid Policy: Invalid Condition: unknown operator ${JSON.stringify(operator)}`;
}

function match(operator: 'eq' | 'starts-with', field: string, value: string): PostCondition {
  return {
    kind: 'match',
    operator,
    field: field.toLowerCase(),
    value,
    text: `[${[operator, `$${field}`, value].map((part) => JSON.stringify(part)).join(', ')}]`,
  };
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): PostPolicyParse {
  return { ok: false, message };
}
