// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
// "No permissions are required to perform this operation."
import type { GetCallerIdentityResponse } from '../../protocol/generated/sts.js';
import type { HandlerContext } from '../handler-context.js';

export async function getCallerIdentity(
  _input: unknown,
  ctx: HandlerContext,
): Promise<GetCallerIdentityResponse> {
  const { caller } = ctx;
  // The root user's UserId is the account id; a role session's is `AROA…:session`.
  return { UserId: caller.principalId, Account: caller.account, Arn: caller.facts.arn };
}
