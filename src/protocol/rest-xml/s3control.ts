// The S3 Control API's account-level Block Public Access (PutPublicAccessBlock, GetPublicAccessBlock,
// DeletePublicAccessBlock): REST-XML under `/v20180820/`, the account in `x-amz-account-id`, signed for
// `s3`. Its PublicAccessBlockConfiguration has the same members as S3's bucket-level one, so the S3
// model's shape reads it; only the answer's namespace differs.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PutPublicAccessBlock.html
import type { AwsError } from '../errors.js';
import { notImplemented } from '../errors.js';
import type { ServiceModel, StructureShape } from '../model/model-types.js';
import { readXmlDocument } from './parse-xml.js';
import { malformedXml, missingRequiredHeader } from './s3-protocol-errors.js';

/** Paths of the S3 Control API; routing sends any of them here. */
export const S3_CONTROL_PREFIX = '/v20180820/';

const PUBLIC_ACCESS_BLOCK_PATH = '/v20180820/configuration/publicAccessBlock';
const NAMESPACE = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
const OPERATIONS: Readonly<Record<string, S3ControlOperation>> = {
  PUT: 'PutPublicAccessBlock',
  GET: 'GetPublicAccessBlock',
  DELETE: 'DeletePublicAccessBlock',
};

export type S3ControlOperation = 'PutPublicAccessBlock' | 'GetPublicAccessBlock' | 'DeletePublicAccessBlock';

/** Block Public Access settings as the wire names them. */
export interface PublicAccessBlockConfiguration {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

export type S3ControlRequest =
  | { ok: true; operation: S3ControlOperation; accountId: string }
  | { ok: false; error: AwsError };

/** Which operation a request is, and the account it names. */
export function matchS3Control(
  method: string,
  path: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): S3ControlRequest {
  const operation = path === PUBLIC_ACCESS_BLOCK_PATH ? OPERATIONS[method] : undefined;
  if (!operation) return { ok: false, error: notImplemented(`S3 Control ${method} ${path}`) };
  const accountId = headers['x-amz-account-id'];
  if (typeof accountId !== 'string' || accountId === '') {
    return { ok: false, error: missingRequiredHeader('x-amz-account-id') };
  }
  return { ok: true, operation, accountId };
}

/** PutPublicAccessBlock's document, read with the S3 model's PublicAccessBlockConfiguration shape. */
export function readPublicAccessBlock(
  s3Model: ServiceModel,
  document: string,
): { ok: true; value: PublicAccessBlockConfiguration } | { ok: false; error: AwsError } {
  const shape = s3Model.shapes.get('PublicAccessBlockConfiguration') as StructureShape;
  const read = readXmlDocument(document, 'PublicAccessBlockConfiguration', shape);
  return read.ok ? { ok: true, value: read.value } : { ok: false, error: malformedXml() };
}

/** GetPublicAccessBlock's answer. */
export function writePublicAccessBlock(configuration: Required<PublicAccessBlockConfiguration>): string {
  const members = Object.entries(configuration)
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<PublicAccessBlockConfiguration xmlns="${NAMESPACE}">${members}</PublicAccessBlockConfiguration>`;
}
