// https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html
import { awsError } from '../../protocol/errors.js';
import type {
  DecodeAuthorizationMessageRequest,
  DecodeAuthorizationMessageResponse,
} from '../../protocol/generated/sts.js';
import type { HandlerContext } from '../handler-context.js';

export async function decodeAuthorizationMessage(
  input: DecodeAuthorizationMessageRequest,
  ctx: HandlerContext,
): Promise<DecodeAuthorizationMessageResponse> {
  const decoded = ctx.authorizationMessages?.decode(input.EncodedMessage, ctx.caller.account);
  // The wording follows the error's description in the STS API reference (not seen from AWS itself).
  if (decoded === undefined) {
    throw awsError(
      'sts',
      'InvalidAuthorizationMessageException',
      'The message passed to DecodeAuthorizationMessage was invalid.',
    );
  }
  return { DecodedMessage: decoded };
}
