// The surface the server uses: verify a request, answer a failure as its service does, and
// decode aws-chunked bodies; browser uploads' signed POST policies.

export type { AuthFailure, AuthFailureKind } from './auth-failure.js';
export { type AwsAuthError, missingAuthenticationError, toAwsAuthError } from './aws-auth-errors.js';
export type { PathRule } from './canonical-request.js';
export {
  AwsChunkedDecoder,
  type AwsChunkedDecoderOptions,
  ChunkedBodyError,
  createAwsChunkedDecoder,
} from './chunked-decoder.js';
export type { AccessKeyRecord, AccessKeyStatus, CredentialLookup } from './credentials.js';
export {
  checkPostPolicy,
  contentLengthRange,
  type PostCondition,
  type PostFormFields,
  type PostPolicy,
  type PostPolicyFailure,
  parsePostPolicy,
} from './post-policy.js';
export { type PostSignatureResult, verifyPostSignature } from './post-policy-signature.js';
export type { Unsigned } from './read-signature.js';
export type { SignedRequest } from './signed-request.js';
export {
  type AwsChunkedPayload,
  type ChunkSigning,
  type Verified,
  type VerifiedPayload,
  type VerifyOptions,
  type VerifyResult,
  verifyRequest,
} from './verify-request.js';
