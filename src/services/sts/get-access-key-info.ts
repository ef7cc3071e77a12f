// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html
// "Returns the account identifier for the specified access key ID."
import { accountFromAccessKeyId } from '../../arn/aws-ids.js';
import { validationError } from '../../protocol/errors.js';
import type { GetAccessKeyInfoRequest, GetAccessKeyInfoResponse } from '../../protocol/generated/sts.js';
import type { HandlerContext } from '../handler-context.js';

export async function getAccessKeyInfo(
  input: GetAccessKeyInfoRequest,
  ctx: HandlerContext,
): Promise<GetAccessKeyInfoResponse> {
  const { store } = ctx;
  const id = input.AccessKeyId;
  // Keys trustlab issued or a lab named; then, as AWS does, the account encoded in the key id itself,
  // which also answers for keys deleted since.
  const account =
    (await store.getAccessKey(id))?.accountId ??
    (await store.getSession(id))?.accountId ??
    accountFromAccessKeyId(id);
  // trustlab's choice, not seen from AWS: a key id that carries no account is a validation error.
  if (!account) throw validationError(`The access key ID ${id} is not valid.`);
  return { Account: account };
}
