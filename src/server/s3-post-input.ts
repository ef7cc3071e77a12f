// A browser upload's form fields as the PutObject they stand for: POST passes as form fields what PUT
// passes as headers, so the object is written by PutObject's own handler.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
import type { Readable } from 'node:stream';
import type { PutObjectRequest } from '../protocol/generated/s3.js';
import type { ServiceModel, StructureShape } from '../protocol/model/model-types.js';
import { readXmlDocument } from '../protocol/rest-xml/parse-xml.js';
import { s3Error } from '../services/s3/s3-errors.js';

// Form fields that are PutObject members, as their header names say.
const MEMBERS = {
  acl: 'ACL',
  'cache-control': 'CacheControl',
  'content-type': 'ContentType',
  'content-disposition': 'ContentDisposition',
  'content-encoding': 'ContentEncoding',
  'content-md5': 'ContentMD5',
  expires: 'Expires',
  'x-amz-storage-class': 'StorageClass',
  'x-amz-server-side-encryption': 'ServerSideEncryption',
  'x-amz-server-side-encryption-aws-kms-key-id': 'SSEKMSKeyId',
  'x-amz-server-side-encryption-customer-algorithm': 'SSECustomerAlgorithm',
  'x-amz-website-redirect-location': 'WebsiteRedirectLocation',
} as const satisfies Record<string, keyof PutObjectRequest>;

// Fields that sign the form rather than describe the object.
const SIGNING = new Set([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-signature',
  'x-amz-security-token',
]);

const META = 'x-amz-meta-';

/** `fields` by lower-case name; `key` with `${filename}` already replaced. */
export function postPutObjectInput(
  model: ServiceModel,
  fields: ReadonlyMap<string, string>,
  bucket: string,
  key: string,
  body: Readable,
): PutObjectRequest {
  const input: PutObjectRequest = { Bucket: bucket, Key: key, Body: body };
  const members = input as unknown as Record<string, string>;
  for (const [field, member] of Object.entries(MEMBERS)) {
    const value = fields.get(field);
    if (value !== undefined) members[member] = value;
  }
  const metadata: Record<string, string> = {};
  for (const [name, value] of fields) {
    if (name.startsWith(META) && name.length > META.length) metadata[name.slice(META.length)] = value;
  }
  if (Object.keys(metadata).length > 0) input.Metadata = metadata;
  const tagging = fields.get('tagging');
  if (tagging !== undefined) input.Tagging = taggingQuery(model, tagging);
  return input;
}

/**
 * The request headers a PUT would have carried, for the condition keys authorization reads
 * (s3:x-amz-acl, s3:x-amz-storage-class, s3:x-amz-server-side-encryption, grants).
 */
export function postHeaders(fields: ReadonlyMap<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of fields) {
    if (name === 'acl') headers['x-amz-acl'] = value;
    else if (name.startsWith('x-amz-') && !SIGNING.has(name)) headers[name] = value;
  }
  return headers;
}

// The tagging field is a Tagging document (as PutObjectTagging's body); PutObject takes the tags as the
// URL-encoded x-amz-tagging header.
function taggingQuery(model: ServiceModel, document: string): string {
  const shape = model.shapes.get('Tagging') as StructureShape;
  const read = readXmlDocument(document, 'Tagging', shape);
  if (!read.ok) throw s3Error('MalformedXML');
  const tags = (read.value.TagSet ?? []) as { Key: string; Value: string }[];
  return new URLSearchParams(tags.map((tag): [string, string] => [tag.Key, tag.Value])).toString();
}
