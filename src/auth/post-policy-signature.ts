// Who signed a browser upload (POST with multipart/form-data): the form carries the credential and the
// signature, which is the HMAC of the base64 policy (as sent) with the SigV4 signing key. No signing
// field and no policy: an anonymous upload. Pure and synchronous, as verifyRequest is.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-authentication-HTTPPOST.html

import { parseAmzDate } from './amz-date.js';
import { type AuthFailure, authFailure } from './auth-failure.js';
import type { AccessKeyRecord, CredentialLookup } from './credentials.js';
import { ALGORITHM, deriveSigningKey, signaturesEqual, signHex } from './sigv4-crypto.js';
import { checkSessionToken } from './verify-request.js';

export type PostSignatureResult =
  | { outcome: 'anonymous' }
  | {
      outcome: 'verified';
      key: AccessKeyRecord;
      region: string;
      /** x-amz-date: when the form was signed (s3:signatureAge). */
      signedAt: Date;
      /** The policy field as sent (base64): the string that was signed. */
      policy: string;
    }
  /** A signing field is missing: S3 names it, capitalised as in its documentation (`X-Amz-Date`). */
  | { outcome: 'incomplete'; field: string }
  /** A policy with no signature at all. */
  | { outcome: 'unsigned-policy' }
  | AuthFailure;

// The fields that make a form signed; each one present requires the others.
const SIGNING_FIELDS: ReadonlyArray<[string, string]> = [
  ['x-amz-signature', 'X-Amz-Signature'],
  ['x-amz-algorithm', 'X-Amz-Algorithm'],
  ['x-amz-credential', 'X-Amz-Credential'],
  ['x-amz-date', 'X-Amz-Date'],
  ['policy', 'Policy'],
];

/** `fields` by lower-case name (form field names are case-insensitive). */
export function verifyPostSignature(
  fields: ReadonlyMap<string, string>,
  lookup: CredentialLookup,
  now: Date,
): PostSignatureResult {
  const signed = SIGNING_FIELDS.slice(0, 4).some(([name]) => fields.has(name));
  if (!signed) return fields.has('policy') ? { outcome: 'unsigned-policy' } : { outcome: 'anonymous' };
  const missing = SIGNING_FIELDS.find(([name]) => !fields.has(name));
  if (missing) return { outcome: 'incomplete', field: missing[1] };
  const value = (name: string) => fields.get(name) ?? '';

  if (value('x-amz-algorithm') !== ALGORITHM) return authFailure('UnsupportedAuthorization');
  const credential = value('x-amz-credential');
  const [accessKeyId = '', scopeDate = '', region, service, terminator, ...rest] = credential.split('/');
  if (
    accessKeyId === '' ||
    !/^\d{8}$/.test(scopeDate) ||
    region === undefined ||
    service === undefined ||
    terminator !== 'aws4_request' ||
    rest.length > 0
  ) {
    // The credential is a form field, as X-Amz-Credential is a query parameter of a presigned URL.
    return authFailure('MalformedCredential', { credential, presigned: true });
  }
  const base = { accessKeyId, service };
  const signedAt = parseAmzDate(value('x-amz-date'));
  if (!signedAt) return authFailure('MissingDate', base);

  const key = lookup.findAccessKey(accessKeyId);
  if (!key) return authFailure('UnknownAccessKey', base);
  if (key.status !== 'Active') return authFailure('InactiveAccessKey', base);
  const tokenProblem = checkSessionToken(key, fields.get('x-amz-security-token'));
  if (tokenProblem) return authFailure('InvalidSecurityToken', { ...base, tokenProblem });
  if (key.expiration && key.expiration.getTime() <= now.getTime()) {
    return authFailure('ExpiredSecurityToken', base);
  }

  const policy = value('policy');
  const signature = value('x-amz-signature');
  const signingKey = deriveSigningKey(key.secretAccessKey, scopeDate, region, service);
  if (!signaturesEqual(signHex(signingKey, policy), signature)) {
    return authFailure('SignatureDoesNotMatch', {
      ...base,
      stringToSign: policy,
      signatureProvided: signature,
    });
  }
  return { outcome: 'verified', key, region, signedAt, policy };
}
