// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
import { assumedRoleArn, parseRoleArn } from '../../arn/iam-arn.js';
import { accessDenied, validationError } from '../../protocol/errors.js';
import type { AssumeRoleRequest, AssumeRoleResponse } from '../../protocol/generated/sts.js';
import type { HandlerContext } from '../handler-context.js';
import { issueSession } from './issue-session.js';
import { checkSessionPolicy } from './session-policy.js';

const DEFAULT_DURATION = 3600;
// "Role chaining limits your … session to a maximum of one hour."
const CHAINED_LIMIT = 3600;

/** Runs after authorization: the caller may assume the role, and the role exists. */
export async function assumeRole(input: AssumeRoleRequest, ctx: HandlerContext): Promise<AssumeRoleResponse> {
  const roleArn = parseRoleArn(input.RoleArn);
  const role = roleArn ? await ctx.store.getRole(roleArn.account, roleArn.name) : undefined;
  // Authorization already denied a role that does not exist; one deleted since is denied the same way.
  if (!role || !roleArn) {
    throw accessDenied(
      `User: ${ctx.caller.facts.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
    );
  }

  const chained = ctx.caller.facts.type === 'AssumedRole';
  const duration = input.DurationSeconds ?? DEFAULT_DURATION;
  if (duration > role.maxSessionDuration) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  if (chained && duration > CHAINED_LIMIT) {
    throw validationError(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (input.Policy !== undefined) checkSessionPolicy(input.Policy);

  const arn = assumedRoleArn(roleArn.account, role.name, input.RoleSessionName);
  const assumedRoleId = `${role.id}:${input.RoleSessionName}`;
  // Transitive tags pass from a chained session to the next one.
  const inherited = chained
    ? (ctx.caller.session?.tags ?? []).filter((t) => ctx.caller.session?.transitiveTagKeys.includes(t.key))
    : [];
  const tags = [...inherited, ...(input.Tags ?? []).map((t) => ({ key: t.Key, value: t.Value }))];
  const credentials = await issueSession(
    ctx,
    {
      type: 'AssumedRole',
      accountId: roleArn.account,
      principalArn: arn,
      principalId: assumedRoleId,
      roleArn: role.arn,
      roleId: role.id,
      sessionName: input.RoleSessionName,
      ...(input.SourceIdentity ? { sourceIdentity: input.SourceIdentity } : {}),
      ...(input.Policy !== undefined ? { sessionPolicy: input.Policy } : {}),
      policyArns: (input.PolicyArns ?? []).flatMap((p) => (p.arn ? [p.arn] : [])),
      tags,
      transitiveTagKeys: [
        ...(chained ? (ctx.caller.session?.transitiveTagKeys ?? []) : []),
        ...(input.TransitiveTagKeys ?? []),
      ],
      // INVARIANT: the pipeline verified SerialNumber and TokenCode before calling the handler.
      mfaAuthenticated: input.SerialNumber !== undefined,
      ...(input.SerialNumber !== undefined ? { mfaAuthTime: ctx.now.getTime() } : {}),
      chained,
      issuedTo: ctx.caller.facts.arn,
    },
    duration,
  );
  return {
    Credentials: credentials,
    AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn },
    ...(input.SourceIdentity ? { SourceIdentity: input.SourceIdentity } : {}),
  };
}
