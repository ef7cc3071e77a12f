// Where S3's wire differs from what its botocore model says, named here rather than scattered.

// The root element of outputs whose body is the output structure itself. botocore's model dropped these
// names (its parser ignores the root); S3 sends them and Smithy's S3 model keeps them as @xmlName.
// https://github.com/aws/api-models-aws/tree/main/models/s3
const OUTPUT_ROOTS: Readonly<Record<string, string>> = {
  CompleteMultipartUpload: 'CompleteMultipartUploadResult',
  CreateMultipartUpload: 'InitiateMultipartUploadResult',
  CreateSession: 'CreateSessionResult',
  DeleteObjects: 'DeleteResult',
  GetBucketAccelerateConfiguration: 'AccelerateConfiguration',
  GetBucketAcl: 'AccessControlPolicy',
  GetBucketCors: 'CORSConfiguration',
  GetBucketLifecycle: 'LifecycleConfiguration',
  GetBucketLifecycleConfiguration: 'LifecycleConfiguration',
  GetBucketLocation: 'LocationConstraint',
  GetBucketLogging: 'BucketLoggingStatus',
  GetBucketNotification: 'NotificationConfiguration',
  GetBucketNotificationConfiguration: 'NotificationConfiguration',
  GetBucketRequestPayment: 'RequestPaymentConfiguration',
  GetBucketTagging: 'Tagging',
  GetBucketVersioning: 'VersioningConfiguration',
  GetBucketWebsite: 'WebsiteConfiguration',
  GetObjectAcl: 'AccessControlPolicy',
  GetObjectAttributes: 'GetObjectAttributesResponse',
  GetObjectTagging: 'Tagging',
  ListBucketAnalyticsConfigurations: 'ListBucketAnalyticsConfigurationResult',
  ListBucketIntelligentTieringConfigurations: 'ListBucketIntelligentTieringConfigurationsOutput',
  ListBucketInventoryConfigurations: 'ListInventoryConfigurationsResult',
  ListBucketMetricsConfigurations: 'ListMetricsConfigurationsResult',
  ListBuckets: 'ListAllMyBucketsResult',
  ListDirectoryBuckets: 'ListAllMyDirectoryBucketsResult',
  ListMultipartUploads: 'ListMultipartUploadsResult',
  ListObjects: 'ListBucketResult',
  ListObjectsV2: 'ListBucketResult',
  ListObjectVersions: 'ListVersionsResult',
  ListParts: 'ListPartsResult',
};

/**
 * botocore's S3 model names the namespace only on request documents (and not in its metadata); S3 puts
 * it on the root of every document it answers with, errors excepted.
 */
export const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export function outputRootName(operation: string): string | undefined {
  return OUTPUT_ROOTS[operation];
}

/**
 * GetBucketLocation's document is one element holding the region, empty for us-east-1:
 * `<LocationConstraint xmlns="…">eu-west-1</LocationConstraint>`.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
 */
export const BARE_ROOT_OUTPUTS: ReadonlySet<string> = new Set(['GetBucketLocation']);

/** GetObject of a range answers 206 Partial Content; the model says nothing of it. */
export function partialContentStatus(operation: string, output: Record<string, unknown>): number | undefined {
  return operation === 'GetObject' && output.ContentRange !== undefined ? 206 : undefined;
}

/**
 * An aws-chunked body's Content-Length counts the chunk framing; the object's length is
 * x-amz-decoded-content-length, and `aws-chunked` is dropped from the Content-Encoding S3 stores.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
export function decodedContentLength(headers: Readonly<Record<string, unknown>>): string | undefined {
  const decoded = headers['x-amz-decoded-content-length'];
  return typeof decoded === 'string' ? decoded : undefined;
}

export function withoutAwsChunked(contentEncoding: string): string | undefined {
  if (!/aws-chunked/i.test(contentEncoding)) return contentEncoding;
  const rest = contentEncoding
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part.toLowerCase() !== 'aws-chunked');
  return rest.length === 0 ? undefined : rest.join(',');
}

/**
 * User metadata that is not US-ASCII travels as RFC 2047 encoded words: S3 decodes them when it stores
 * the value and encodes such values when it returns them.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html#UserMetadata
 */
export function decodeMetadataValue(value: string): string {
  if (!value.includes('=?')) return value;
  return value.replace(
    /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=(\s+(?==\?))?/g,
    (word: string, charset: string, encoding: string, text: string) => {
      const cs = charset.toLowerCase();
      const encodingName = cs === 'utf-8' ? 'utf8' : cs === 'iso-8859-1' || cs === 'us-ascii' ? 'latin1' : '';
      if (encodingName === '') return word;
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
                  String.fromCharCode(Number.parseInt(hex, 16)),
                ),
              'latin1',
            );
      return bytes.toString(encodingName);
    },
  );
}

export function encodeMetadataValue(value: string): string {
  if (!/[^\t\x20-\x7e]/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
