import type { Member, OperationModel, ServiceModel, Shape, StructureShape } from '../model/model-types.js';
import { outputRootName } from './s3-quirks.js';

// What the REST-XML protocol needs to know about each operation, worked out once from the model when it is
// first used: where every input member is read from (URI label, query key, header, header prefix, payload)
// and where every output member goes. Requests then do map lookups, never walks over the model.
// https://smithy.io/2.0/aws/protocols/aws-restxml-protocol.html

export type PayloadKind = 'stream' | 'xml' | 'string' | 'blob' | 'none';
/** What the path names: `/`, `/{Bucket}` or `/{Bucket}/{Key+}`. */
export type ResourceKind = 'service' | 'bucket' | 'object';
export type TimestampFormat = 'iso8601' | 'rfc822' | 'unixTimestamp';

export interface S3OperationPlan {
  operation: OperationModel;
  resource: ResourceKind;
  /** The literal query of the request URI (`?acl`, `?list-type=2`): the key, and the value it must have. */
  selectors: ReadonlyArray<readonly [key: string, value: string | undefined]>;
  input: InputPlan;
  output: OutputPlan;
  /** The model's responseCode (DeleteObject 204), else 200. */
  status: number;
}

/** One member read from or written to a query key or a header. */
export interface ValuePlan {
  member: string;
  /** The query key, or the header name in lower case (for a prefix map, the prefix). */
  wire: string;
  shape: Shape;
  timestampFormat: TimestampFormat;
}

export type PayloadPlan =
  | { kind: 'none' }
  | { kind: 'stream' | 'string' | 'blob'; member: string }
  /** `member` undefined: the structure's own body members make the document (SelectObjectContent). */
  | { kind: 'xml'; member: string | undefined; shape: StructureShape; root: string; required: boolean };

export interface InputPlan {
  bucketMember: string | undefined;
  keyMember: string | undefined;
  query: ReadonlyMap<string, ValuePlan>;
  headers: ReadonlyMap<string, ValuePlan>;
  prefixHeaders: readonly ValuePlan[];
  payload: PayloadPlan;
  /** Required members that come from a header or the query, checked after reading. */
  requiredHeaders: readonly ValuePlan[];
  requiredQuery: readonly ValuePlan[];
}

export interface OutputPlan {
  /** By member name. */
  headers: ReadonlyMap<string, ValuePlan>;
  prefixHeaders: ReadonlyMap<string, ValuePlan>;
  payload: PayloadPlan;
}

const plansByModel = new WeakMap<ServiceModel, ReadonlyMap<string, S3OperationPlan>>();

/** Every operation's plan, by operation name; built once per model. */
export function operationPlans(model: ServiceModel): ReadonlyMap<string, S3OperationPlan> {
  let plans = plansByModel.get(model);
  if (!plans) {
    const built = new Map<string, S3OperationPlan>();
    for (const operation of model.operations.values()) {
      const plan = planOperation(operation);
      if (plan) built.set(operation.name, plan);
    }
    plans = built;
    plansByModel.set(model, plans);
  }
  return plans;
}

/** undefined for operations not addressed by a path (WriteGetObjectResponse goes to its own host). */
function planOperation(operation: OperationModel): S3OperationPlan | undefined {
  const [path = '', literalQuery] = operation.http.requestUri.split('?', 2);
  let resource: ResourceKind;
  if (path === '/') resource = 'service';
  else if (path === '/{Bucket}') resource = 'bucket';
  else if (path === '/{Bucket}/{Key+}') resource = 'object';
  else return undefined;
  const selectors = (literalQuery ?? '')
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? ([part, undefined] as const) : ([part.slice(0, eq), part.slice(eq + 1)] as const);
    });
  return {
    operation,
    resource,
    selectors,
    input: planInput(operation.input),
    output: planOutput(operation),
    status: operation.http.responseCode ?? 200,
  };
}

function planInput(shape: StructureShape | undefined): InputPlan {
  const query = new Map<string, ValuePlan>();
  const headers = new Map<string, ValuePlan>();
  const prefixHeaders: ValuePlan[] = [];
  const requiredHeaders: ValuePlan[] = [];
  const requiredQuery: ValuePlan[] = [];
  let bucketMember: string | undefined;
  let keyMember: string | undefined;
  for (const [name, member] of shape?.members ?? []) {
    const required = shape?.required.has(name) === true;
    switch (member.location) {
      case 'uri':
        if (member.locationName === 'Key') keyMember = name;
        else bucketMember = name;
        break;
      case 'querystring': {
        const plan = valuePlan(name, member, member.locationName ?? name, 'iso8601');
        query.set(plan.wire, plan);
        if (required) requiredQuery.push(plan);
        break;
      }
      case 'header': {
        const plan = valuePlan(name, member, (member.locationName ?? name).toLowerCase(), 'rfc822');
        headers.set(plan.wire, plan);
        if (required) requiredHeaders.push(plan);
        break;
      }
      case 'headers':
        prefixHeaders.push(valuePlan(name, member, (member.locationName ?? '').toLowerCase(), 'rfc822'));
        break;
    }
  }
  return {
    bucketMember,
    keyMember,
    query,
    headers,
    prefixHeaders,
    payload: shape ? planPayload(shape, shape.locationName ?? shape.name) : { kind: 'none' },
    requiredHeaders,
    requiredQuery,
  };
}

function planOutput(operation: OperationModel): OutputPlan {
  const shape = operation.output;
  const headers = new Map<string, ValuePlan>();
  const prefixHeaders = new Map<string, ValuePlan>();
  for (const [name, member] of shape?.members ?? []) {
    if (member.location === 'header') {
      headers.set(name, valuePlan(name, member, (member.locationName ?? name).toLowerCase(), 'rfc822'));
    } else if (member.location === 'headers') {
      prefixHeaders.set(name, valuePlan(name, member, (member.locationName ?? '').toLowerCase(), 'rfc822'));
    }
  }
  const payload: PayloadPlan = shape
    ? planPayload(shape, outputRootName(operation.name) ?? shape.locationName ?? shape.name)
    : { kind: 'none' };
  return { headers, prefixHeaders, payload };
}

/** The body: a named payload member, else the structure's members without a location, else nothing. */
function planPayload(shape: StructureShape, root: string): PayloadPlan {
  if (shape.payload !== undefined) {
    const member = shape.members.get(shape.payload) as Member;
    const target = member.shape;
    if (target.type === 'structure') {
      return {
        kind: 'xml',
        member: shape.payload,
        shape: target,
        root: member.locationName ?? target.locationName ?? target.name,
        required: shape.required.has(shape.payload),
      };
    }
    if (target.type === 'blob') {
      const streaming = member.streaming === true || target.streaming === true;
      return { kind: streaming ? 'stream' : 'blob', member: shape.payload };
    }
    return { kind: 'string', member: shape.payload };
  }
  const hasBody = [...shape.members.values()].some((m) => m.location === undefined);
  return hasBody ? { kind: 'xml', member: undefined, shape, root, required: false } : { kind: 'none' };
}

function valuePlan(name: string, member: Member, wire: string, defaultFormat: TimestampFormat): ValuePlan {
  const shape = member.shape;
  const shapeFormat = shape.type === 'timestamp' ? shape.timestampFormat : undefined;
  return {
    member: name,
    wire,
    shape,
    timestampFormat: member.timestampFormat ?? shapeFormat ?? defaultFormat,
  };
}
