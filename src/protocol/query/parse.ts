import { type AwsError, invalidAction, malformedInput, malformedQueryString } from '../errors.js';
import type { OperationModel, ServiceModel } from '../model/model-types.js';
import { checkInput } from '../shapes/check.js';
import { validationErrorFor } from '../shapes/render-validation.js';
import { decodeForm } from './decode-form.js';
import { readQueryInput } from './read-input.js';

// An AWS query protocol request (IAM, STS) → the operation and its typed, validated input, or the answer AWS
// gives instead. Never throws for anything a client sends.
// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html

export interface QueryHttpRequest {
  method: string;
  /** The Content-Type header, if any. */
  contentType: string | undefined;
  body: Uint8Array | string;
  /** The URL's query string without `?`. */
  query: string;
}

export type QueryParseResult =
  | { kind: 'operation'; operation: OperationModel; input: Record<string, unknown> }
  | { kind: 'error'; error: AwsError }
  /** AWS answers a request without `Action` (or a POST that is not form data) with a 302 to this page. */
  | { kind: 'redirect'; location: string };

const redirectLocation = 'https://aws.amazon.com/iam';

export function parseQueryRequest(model: ServiceModel, request: QueryHttpRequest): QueryParseResult {
  const isPost = request.method.toUpperCase() === 'POST';
  if (isPost && !isFormContentType(request.contentType))
    return { kind: 'redirect', location: redirectLocation };

  const params = new Map<string, string>();
  // For a POST the body's parameters come first; the URL's (e.g. a presigned X-Amz-*) follow. First wins.
  for (const source of isPost ? [request.body, request.query] : [request.query]) {
    const form = decodeForm(source);
    if (!form.ok) return { kind: 'error', error: malformedQueryString() };
    for (const [key, value] of form.pairs) if (!params.has(key)) params.set(key, value);
  }

  const action = params.get('Action');
  if (action === undefined) {
    const location =
      !isPost && request.query !== '' ? `${redirectLocation}?${request.query}` : redirectLocation;
    return { kind: 'redirect', location };
  }
  const version = params.get('Version');
  const operation = model.operations.get(action);
  if (!operation || version !== model.apiVersion)
    return { kind: 'error', error: invalidAction(action, version) };
  return readOperationInput(operation, params);
}

/** Reads and validates one operation's input from already-decoded parameters. */
export function readOperationInput(
  operation: OperationModel,
  params: ReadonlyMap<string, string>,
): QueryParseResult {
  if (!operation.input) return { kind: 'operation', operation, input: {} };
  const read = readQueryInput(operation.input, params);
  if (!read.ok) return { kind: 'error', error: malformedInput(read.message) };
  const invalid = validationErrorFor(checkInput(operation.input, read.input));
  if (invalid) return { kind: 'error', error: invalid };
  return { kind: 'operation', operation, input: read.input };
}

function isFormContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/x-www-form-urlencoded';
}
