// The bucket's CORS configuration, kept as S3's CORSRules. (Answering browser preflights is the
// server's.) https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
import type { CORSRule } from '../../protocol/generated/s3.js';
import { patchBucket, requireBucket } from './bucket-lookup.js';
import { s3Error } from './s3-errors.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

const METHODS: readonly string[] = ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'];
// "A CORS configuration can have up to 100 rules": https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html
const MAX_RULES = 100;

export const putBucketCors: S3OperationHandler<'PutBucketCors'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  const rules = input.CORSConfiguration.CORSRules;
  checkCorsRules(rules);
  await patchBucket(ctx, bucket.name, { cors: JSON.stringify(rules) });
  return undefined;
};

export const getBucketCors: S3OperationHandler<'GetBucketCors'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  if (bucket.cors === undefined) {
    throw s3Error('NoSuchCORSConfiguration', undefined, { BucketName: bucket.name });
  }
  return { CORSRules: JSON.parse(bucket.cors) as CORSRule[] };
};

export const deleteBucketCors: S3OperationHandler<'DeleteBucketCors'> = async (input, ctx) => {
  const bucket = requireBucket(ctx, input);
  await patchBucket(ctx, bucket.name, { cors: undefined });
  return undefined;
};

/** S3's checks and messages: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html */
function checkCorsRules(rules: readonly CORSRule[]): void {
  if (rules.length === 0 || rules.length > MAX_RULES) throw s3Error('MalformedXML');
  for (const rule of rules) {
    if (rule.AllowedMethods.length === 0 || rule.AllowedOrigins.length === 0) throw s3Error('MalformedXML');
    for (const method of rule.AllowedMethods) {
      if (!METHODS.includes(method)) {
        throw s3Error(
          'InvalidRequest',
          `Found unsupported HTTP method in CORS config. Unsupported method is ${method}`,
        );
      }
    }
    for (const origin of rule.AllowedOrigins) {
      if (wildcards(origin) > 1) {
        throw s3Error('InvalidRequest', `AllowedOrigin "${origin}" can not have more than one wildcard.`);
      }
    }
    for (const header of rule.AllowedHeaders ?? []) {
      if (wildcards(header) > 1) {
        throw s3Error('InvalidRequest', `AllowedHeader "${header}" can not have more than one wildcard.`);
      }
    }
  }
}

function wildcards(text: string): number {
  return text.split('*').length - 1;
}
