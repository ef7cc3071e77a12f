import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../../package-root.js';
import { javaRegexToJs } from './java-regex.js';
import type {
  ErrorInfo,
  Member,
  ModelPattern,
  OperationModel,
  ServiceModel,
  ServiceName,
  Shape,
  StructureShape,
  XmlNamespace,
} from './model-types.js';

// The vendored models (models/<svc>.json), written by scripts/vendor-models.ts.
const modelsUrl = new URL('models/', PACKAGE_ROOT);

const cache = new Map<ServiceName, ServiceModel>();

/** Reads and resolves a vendored model once; later calls return the same object. */
export function loadModel(service: ServiceName): ServiceModel {
  let model = cache.get(service);
  if (!model) {
    const raw = JSON.parse(readFileSync(new URL(`${service}.json`, modelsUrl), 'utf8')) as RawModel;
    model = resolveModel(service, raw);
    cache.set(service, model);
  }
  return model;
}

/** Builds the typed view of a botocore model document. Throws on a model it cannot read: that is our bug. */
export function resolveModel(service: ServiceName, raw: RawModel): ServiceModel {
  const patterns = new Map<string, ModelPattern>();
  const shapes = new Map<string, Shape>();
  // Two passes: create every shape, then link members, so recursive shapes resolve.
  for (const [name, rs] of Object.entries(raw.shapes)) shapes.set(name, createShape(name, rs, patterns));
  const lookup = (ref: RawMemberRef, where: string): Shape => {
    const shape = shapes.get(ref.shape);
    if (!shape) throw new Error(`${service} model: ${where} refers to unknown shape ${ref.shape}`);
    return shape;
  };
  for (const [name, rs] of Object.entries(raw.shapes)) {
    const shape = shapes.get(name) as Shape;
    if (shape.type === 'structure') {
      const members = shape.members as Map<string, Member>;
      for (const [memberName, ref] of Object.entries(rs.members ?? {})) {
        members.set(memberName, createMember(memberName, ref, lookup(ref, `${name}.${memberName}`)));
      }
    } else if (shape.type === 'list' && rs.member) {
      shape.member = createMember('member', rs.member, lookup(rs.member, `${name}.member`));
    } else if (shape.type === 'map' && rs.key && rs.value) {
      shape.key = createMember('key', rs.key, lookup(rs.key, `${name}.key`));
      shape.value = createMember('value', rs.value, lookup(rs.value, `${name}.value`));
    }
  }

  const errors = new Map<string, ErrorInfo>();
  for (const shape of shapes.values()) {
    if (shape.type !== 'structure' || !(shape.exception || shape.error)) continue;
    const info: ErrorInfo = {
      code: shape.error?.code ?? shape.name,
      status: shape.error?.httpStatusCode ?? (shape.error?.senderFault === false ? 500 : 400),
      fault: shape.error?.senderFault === false ? 'Receiver' : 'Sender',
      shape,
    };
    errors.set(info.code, info);
  }

  const structure = (ref: RawMemberRef | undefined, where: string): StructureShape | undefined => {
    if (!ref) return undefined;
    const shape = lookup(ref, where);
    if (shape.type !== 'structure') throw new Error(`${service} model: ${where} is not a structure`);
    return shape;
  };
  const operations = new Map<string, OperationModel>();
  for (const [name, op] of Object.entries(raw.operations)) {
    operations.set(name, {
      name,
      http: { method: op.http.method, requestUri: op.http.requestUri, responseCode: op.http.responseCode },
      input: structure(op.input, `${name} input`),
      output: structure(op.output, `${name} output`),
      resultWrapper: op.output?.resultWrapper,
      errors: (op.errors ?? []).map((ref) => {
        const shape = structure(ref, `${name} error`) as StructureShape;
        return errors.get(shape.error?.code ?? shape.name) as ErrorInfo;
      }),
      deprecated: op.deprecated === true,
    });
  }

  const protocol = raw.metadata.protocol;
  if (protocol !== 'query' && protocol !== 'rest-xml')
    throw new Error(`${service}: unsupported protocol ${protocol}`);
  return {
    service,
    apiVersion: raw.metadata.apiVersion,
    protocol,
    xmlNamespace: raw.metadata.xmlNamespace,
    operations,
    shapes,
    errors,
  };
}

function createShape(name: string, rs: RawShape, patterns: Map<string, ModelPattern>): Shape {
  const base = {
    name,
    sensitive: rs.sensitive === true,
    ...(rs.locationName !== undefined && { locationName: rs.locationName }),
    ...(rs.xmlNamespace !== undefined && { xmlNamespace: rs.xmlNamespace }),
  };
  const bounds = {
    ...(rs.min !== undefined && { min: rs.min }),
    ...(rs.max !== undefined && { max: rs.max }),
  };
  // Placeholders until the second pass links the real member shapes.
  const pending = { name: 'member', shape: undefined as unknown as Shape };
  switch (rs.type) {
    case 'string':
      return {
        ...base,
        type: 'string',
        ...bounds,
        ...(rs.pattern !== undefined && { pattern: compilePattern(rs.pattern, patterns, name) }),
        ...(rs.enum !== undefined && { enum: Object.freeze([...rs.enum]) }),
      };
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return { ...base, type: rs.type, ...bounds };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'timestamp':
      return {
        ...base,
        type: 'timestamp',
        ...(rs.timestampFormat && { timestampFormat: rs.timestampFormat }),
      };
    case 'blob':
      return { ...base, type: 'blob', ...bounds, ...(rs.streaming && { streaming: true }) };
    case 'list':
      return { ...base, type: 'list', member: pending, ...bounds, flattened: rs.flattened === true };
    case 'map':
      return {
        ...base,
        type: 'map',
        key: pending,
        value: pending,
        ...bounds,
        flattened: rs.flattened === true,
      };
    case 'structure':
      return {
        ...base,
        type: 'structure',
        members: new Map(),
        required: new Set(rs.required ?? []),
        ...(rs.payload !== undefined && { payload: rs.payload }),
        ...(rs.error !== undefined && {
          error: {
            code: rs.error.code ?? name,
            httpStatusCode: rs.error.httpStatusCode,
            senderFault: rs.error.senderFault ?? rs.error.httpStatusCode < 500,
          },
        }),
        exception: rs.exception === true,
      };
    default:
      throw new Error(`shape ${name}: unsupported type ${rs.type}`);
  }
}

function createMember(name: string, ref: RawMemberRef, shape: Shape): Member {
  const member: Member = { name, shape };
  if (ref.location !== undefined) member.location = ref.location;
  if (ref.locationName !== undefined) member.locationName = ref.locationName;
  if (ref.flattened !== undefined) member.flattened = ref.flattened;
  if (ref.xmlNamespace !== undefined) member.xmlNamespace = ref.xmlNamespace;
  if (ref.xmlAttribute !== undefined) member.xmlAttribute = ref.xmlAttribute;
  if (ref.timestampFormat !== undefined) member.timestampFormat = ref.timestampFormat;
  if (ref.streaming !== undefined) member.streaming = ref.streaming;
  if (ref.idempotencyToken !== undefined) member.idempotencyToken = ref.idempotencyToken;
  if (ref.hostLabel !== undefined) member.hostLabel = ref.hostLabel;
  if (ref.deprecated !== undefined) member.deprecated = ref.deprecated;
  return member;
}

function compilePattern(source: string, cache: Map<string, ModelPattern>, shapeName: string): ModelPattern {
  let pattern = cache.get(source);
  if (!pattern) {
    const result = javaRegexToJs(source);
    if (!result.ok) throw new Error(`shape ${shapeName}: cannot convert pattern ${source}: ${result.reason}`);
    pattern = { source, regex: result.regex };
    cache.set(source, pattern);
  }
  return pattern;
}

// The parts of botocore's JSON that are read.
export interface RawModel {
  metadata: { apiVersion: string; protocol: string; xmlNamespace?: string };
  operations: Record<string, RawOperation>;
  shapes: Record<string, RawShape>;
}
interface RawOperation {
  http: { method: string; requestUri: string; responseCode?: number };
  input?: RawMemberRef;
  output?: RawMemberRef & { resultWrapper?: string };
  errors?: RawMemberRef[];
  deprecated?: boolean;
}
interface RawMemberRef {
  shape: string;
  location?: Member['location'];
  locationName?: string;
  flattened?: boolean;
  xmlNamespace?: XmlNamespace;
  xmlAttribute?: boolean;
  timestampFormat?: Member['timestampFormat'];
  streaming?: boolean;
  idempotencyToken?: boolean;
  hostLabel?: boolean;
  deprecated?: boolean;
}
interface RawShape {
  type: string;
  members?: Record<string, RawMemberRef>;
  member?: RawMemberRef;
  key?: RawMemberRef;
  value?: RawMemberRef;
  required?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  flattened?: boolean;
  locationName?: string;
  xmlNamespace?: XmlNamespace;
  timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp';
  streaming?: boolean;
  payload?: string;
  exception?: boolean;
  error?: { code?: string; httpStatusCode: number; senderFault?: boolean };
}
