import type { IamErrorCode } from './generated/iam.js';
import type { S3ErrorCode } from './generated/s3.js';
import type { StsErrorCode } from './generated/sts.js';
import { loadModel } from './model/load-model.js';
import type { ServiceName } from './model/model-types.js';

export type Fault = 'Sender' | 'Receiver';

// The namespace AWS's query services use for errors raised before an operation is found (InvalidAction).
export const awsFaultNamespace = 'http://webservices.amazon.com/AWSFault/2005-15-09';

/**
 * An error AWS would answer with. Services throw these; the pipeline serializes them. `message` may be
 * absent: AWS omits `<Message>` for some errors (MalformedInput on a non-numeric integer).
 */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: Fault;
  readonly awsMessage: string | undefined;
  /** More `<Error>` children, in order (S3 adds e.g. `BucketName`). */
  readonly extra: Readonly<Record<string, string>> | undefined;
  /** Overrides the service's namespace on `<ErrorResponse>`. */
  readonly xmlNamespace: string | undefined;
  /** Response headers S3 sends with some errors (`x-amz-delete-marker`, a 304's `ETag`). */
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(init: {
    code: string;
    status: number;
    fault?: Fault;
    message?: string | undefined;
    extra?: Record<string, string>;
    xmlNamespace?: string;
    headers?: Record<string, string>;
  }) {
    super(init.message ?? init.code);
    this.name = 'AwsError';
    this.code = init.code;
    this.status = init.status;
    this.fault = init.fault ?? (init.status >= 500 ? 'Receiver' : 'Sender');
    this.awsMessage = init.message;
    this.extra = init.extra;
    this.xmlNamespace = init.xmlNamespace;
    this.headers = init.headers;
  }
}

export interface ServiceErrorCodes {
  iam: IamErrorCode;
  sts: StsErrorCode;
  s3: S3ErrorCode;
}

/** An error declared in the service's model: status and fault come from its error shape. */
export function awsError<S extends ServiceName>(
  service: S,
  code: ServiceErrorCodes[S],
  message?: string,
  extra?: Record<string, string>,
): AwsError {
  const info = loadModel(service).errors.get(code);
  if (!info) throw new Error(`${service} model has no error ${code}`);
  return new AwsError({ code, status: info.status, fault: info.fault, message, ...(extra && { extra }) });
}

// Errors common to AWS query services, not declared in the models.
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html

export function internalError(): AwsError {
  // IAM and STS say InternalFailure in their common errors; the operations' model shape is ServiceFailure.
  return new AwsError({ code: 'InternalFailure', status: 500, message: 'An internal error occurred.' });
}

/** AWS's answer to an unknown Action or a wrong Version, as STS and IAM send it. */
export function invalidAction(action: string, version: string | undefined): AwsError {
  return new AwsError({
    code: 'InvalidAction',
    status: 400,
    message: `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`,
    xmlNamespace: awsFaultNamespace,
  });
}

export function validationError(message: string): AwsError {
  return new AwsError({ code: 'ValidationError', status: 400, message });
}

/** A value that cannot be read as its shape's type (e.g. `DurationSeconds=abc`), before any validation. */
export function malformedInput(message?: string): AwsError {
  return new AwsError({ code: 'MalformedInput', status: 400, message });
}

/** Form data that cannot be decoded: bad percent-encoding or bytes that are not UTF-8. */
export function malformedQueryString(message = 'The query string contains a syntax error.'): AwsError {
  // The documented status of MalformedQueryString is 404.
  return new AwsError({ code: 'MalformedQueryString', status: 404, message });
}

export function accessDenied(message: string): AwsError {
  return new AwsError({ code: 'AccessDenied', status: 403, message });
}

export function notImplemented(operation: string): AwsError {
  // trustlab extension: AWS has every operation; this names the one trustlab does not serve yet.
  return new AwsError({
    code: 'NotImplemented',
    status: 501,
    message: `trustlab does not implement ${operation} yet.`,
  });
}
