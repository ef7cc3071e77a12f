// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
import { accessDenied, validationError } from '../../protocol/errors.js';
import type { GetSessionTokenRequest, GetSessionTokenResponse } from '../../protocol/generated/sts.js';
import type { HandlerContext } from '../handler-context.js';
import { issueSession } from './issue-session.js';

const DEFAULT_DURATION = 43_200;
// "Sessions for Amazon Web Services account owners are restricted to a maximum of 3,600 seconds."
const ROOT_LIMIT = 3600;

export async function getSessionToken(
  input: GetSessionTokenRequest,
  ctx: HandlerContext,
): Promise<GetSessionTokenResponse> {
  const { caller } = ctx;
  if (caller.session) throw accessDenied('Cannot call GetSessionToken with session credentials');
  const duration = input.DurationSeconds ?? (caller.facts.type === 'Account' ? ROOT_LIMIT : DEFAULT_DURATION);
  if (caller.facts.type === 'Account' && duration > ROOT_LIMIT) {
    throw validationError(
      'The requested DurationSeconds exceeds the maximum of 3600 seconds for root credentials.',
    );
  }
  const credentials = await issueSession(
    ctx,
    {
      type: 'SessionToken',
      accountId: caller.account,
      principalArn: caller.facts.arn,
      principalId: caller.principalId,
      policyArns: [],
      tags: [],
      transitiveTagKeys: [],
      // INVARIANT: the pipeline verified SerialNumber and TokenCode before calling the handler.
      mfaAuthenticated: input.SerialNumber !== undefined,
      ...(input.SerialNumber !== undefined ? { mfaAuthTime: ctx.now.getTime() } : {}),
      chained: false,
      issuedTo: caller.facts.arn,
    },
    duration,
  );
  return { Credentials: credentials };
}
