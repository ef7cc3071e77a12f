import type { CallerFacts } from '../policy/types.js';

/**
 * S3's AccessDenied text. Requests within the bucket owner's account get the detailed form, which
 * quotes the resource (`… on resource: "arn:aws:s3:::bucket/key" because …`); requests from other
 * accounts and anonymous ones get only `Access Denied`.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html#access-denied-message-examples
 */
export function s3DenialMessage(
  engineMessage: string | undefined,
  caller: CallerFacts,
  resource: string,
  resourceAccount: string,
): string {
  if (!engineMessage || !caller.account || caller.account !== resourceAccount) return 'Access Denied';
  return engineMessage.replace(` on resource: ${resource}`, ` on resource: "${resource}"`);
}
