// A resolved, typed view of a botocore service model (see models/NOTICE). Member shapes are linked objects,
// so recursive shapes are fine; only the traits trustlab reads are kept.

export type ServiceName = 'iam' | 'sts' | 's3';

export interface ServiceModel {
  service: ServiceName;
  apiVersion: string;
  protocol: 'query' | 'rest-xml';
  xmlNamespace: string | undefined;
  /** By operation name, in the model's order. */
  operations: ReadonlyMap<string, OperationModel>;
  shapes: ReadonlyMap<string, Shape>;
  /** Error structures by their wire code (`error.code`, else the shape name). */
  errors: ReadonlyMap<string, ErrorInfo>;
}

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string; responseCode: number | undefined };
  input: StructureShape | undefined;
  output: StructureShape | undefined;
  /** The query protocol's `<XResult>` element. */
  resultWrapper: string | undefined;
  errors: readonly ErrorInfo[];
  /** S3 keeps old operations beside their successors on the same request (GetBucketLifecycle). */
  deprecated: boolean;
}

export interface ErrorInfo {
  code: string;
  status: number;
  fault: 'Sender' | 'Receiver';
  shape: StructureShape;
}

export type Shape =
  | StringShape
  | NumberShape
  | BooleanShape
  | TimestampShape
  | BlobShape
  | ListShape
  | MapShape
  | StructureShape;

interface ShapeBase {
  name: string;
  sensitive: boolean;
  /** Present on a few S3 shapes. */
  locationName?: string;
  xmlNamespace?: XmlNamespace;
}

export interface XmlNamespace {
  uri: string;
  prefix?: string;
}

export interface StringShape extends ShapeBase {
  type: 'string';
  min?: number;
  max?: number;
  pattern?: ModelPattern;
  enum?: readonly string[];
}

export interface ModelPattern {
  /** As written in the model (a Java regular expression); AWS quotes it in validation messages. */
  source: string;
  /** Compiled once, anchored: the whole value must match, as Java's `matches()`. */
  regex: RegExp;
}

export interface NumberShape extends ShapeBase {
  type: 'integer' | 'long' | 'float' | 'double';
  min?: number;
  max?: number;
}

export interface BooleanShape extends ShapeBase {
  type: 'boolean';
}

export interface TimestampShape extends ShapeBase {
  type: 'timestamp';
  timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp';
}

export interface BlobShape extends ShapeBase {
  type: 'blob';
  min?: number;
  max?: number;
  streaming?: boolean;
}

export interface ListShape extends ShapeBase {
  type: 'list';
  member: Member;
  min?: number;
  max?: number;
  flattened: boolean;
}

export interface MapShape extends ShapeBase {
  type: 'map';
  key: Member;
  value: Member;
  min?: number;
  max?: number;
  flattened: boolean;
}

export interface StructureShape extends ShapeBase {
  type: 'structure';
  /** In the model's order, which is also the order of validation messages and of XML elements. */
  members: ReadonlyMap<string, Member>;
  required: ReadonlySet<string>;
  payload?: string;
  error?: { code: string; httpStatusCode: number; senderFault: boolean };
  exception: boolean;
}

export interface Member {
  /** The member's name in the model (`UserName`); for list members and map keys/values, `member`/`key`/`value`. */
  name: string;
  shape: Shape;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  flattened?: boolean;
  xmlNamespace?: XmlNamespace;
  xmlAttribute?: boolean;
  timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp';
  streaming?: boolean;
  idempotencyToken?: boolean;
  hostLabel?: boolean;
  deprecated?: boolean;
}
