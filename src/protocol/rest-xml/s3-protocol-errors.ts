// The errors S3 answers before any handler runs: a request it cannot route or read. Handlers' errors live
// in services/s3/s3-errors.ts; protocol/ may not import services, so the few codes both need are spelled
// here too, with the same text.
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
import { AwsError } from '../errors.js';

export type S3ResourceType = 'SERVICE' | 'BUCKET' | 'OBJECT';

/** A method S3 has no operation for on this resource: `<Method>` and `<ResourceType>` follow the message. */
export function methodNotAllowed(method: string, resourceType: S3ResourceType): AwsError {
  return new AwsError({
    code: 'MethodNotAllowed',
    status: 405,
    message: 'The specified method is not allowed against this resource.',
    extra: { Method: method, ResourceType: resourceType },
  });
}

/** A path or query string whose percent-encoding (or UTF-8) is broken. */
export function invalidUri(): AwsError {
  return new AwsError({ code: 'InvalidURI', status: 400, message: "Couldn't parse the specified URI." });
}

export function malformedXml(): AwsError {
  return new AwsError({
    code: 'MalformedXML',
    status: 400,
    message: 'The XML you provided was not well-formed or did not validate against our published schema',
  });
}

/** An operation whose XML document is required got an empty body. */
export function missingRequestBody(): AwsError {
  return new AwsError({ code: 'MissingRequestBodyError', status: 400, message: 'Request Body is empty' });
}

/** A value S3 cannot read as its type, named as S3 names it (`max-keys`, `x-amz-max-parts`). */
export function invalidArgument(message: string, name: string, value: string): AwsError {
  return new AwsError({
    code: 'InvalidArgument',
    status: 400,
    message,
    extra: { ArgumentName: name, ArgumentValue: value },
  });
}

export function missingRequiredHeader(header: string): AwsError {
  return new AwsError({
    code: 'InvalidRequest',
    status: 400,
    message: `Missing required header for this request: ${header}`,
  });
}

/** A body with neither Content-Length nor an aws-chunked decoded length. */
export function missingContentLength(): AwsError {
  return new AwsError({
    code: 'MissingContentLength',
    status: 411,
    message: 'You must provide the Content-Length HTTP header.',
  });
}

/** S3 does not take `Transfer-Encoding: chunked` uploads. */
export function headerNotImplemented(header: string): AwsError {
  return new AwsError({
    code: 'NotImplemented',
    status: 501,
    message: 'A header you provided implies functionality that is not implemented',
    extra: { Header: header },
  });
}
