// STS operation → the IAM authorization requests it makes:
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
import { parseRoleArn } from '../arn/iam-arn.js';
import type { ContextValue } from '../policy/types.js';
import type { AuthzTarget } from './authz-target.js';
import { inputText } from './input-text.js';
import { requestTagContext } from './request-tags.js';

export interface StsTargetInput {
  operation: string;
  input: Readonly<Record<string, unknown>>;
  /** The caller's account. */
  account: string;
}

/**
 * The requests to authorize, in order; empty for operations no policy can deny:
 * "No permissions are required to perform this operation" (GetCallerIdentity, GetSessionToken).
 */
export function stsTargets({ operation, input, account }: StsTargetInput): AuthzTarget[] {
  switch (operation) {
    case 'AssumeRole':
      return assumeRoleTargets(input, account);
    case 'GetFederationToken':
      return [
        {
          action: 'sts:GetFederationToken',
          resource: `arn:aws:sts::${account}:federated-user/${inputText(input.Name) ?? ''}`,
          resourceAccount: account,
          context: requestTagContext(input.Tags),
        },
      ];
    case 'GetAccessKeyInfo':
    case 'DecodeAuthorizationMessage':
      return [{ action: `sts:${operation}`, resource: '*', resourceAccount: account, context: {} }];
    default:
      return [];
  }
}

/**
 * sts:AssumeRole on the role, with its condition keys; passing session tags also needs sts:TagSession,
 * and a source identity sts:SetSourceIdentity, both allowed by the role's trust policy:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_permissions-required
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html#id_credentials_temp_control-access_monitor-perms
 */
function assumeRoleTargets(input: Readonly<Record<string, unknown>>, account: string): AuthzTarget[] {
  const roleArn = inputText(input.RoleArn) ?? '';
  const roleAccount = parseRoleArn(roleArn)?.account ?? account;
  const context: Record<string, ContextValue> = { ...requestTagContext(input.Tags) };
  const optional: [string, unknown][] = [
    ['sts:ExternalId', input.ExternalId],
    ['sts:RoleSessionName', input.RoleSessionName],
    ['sts:SourceIdentity', input.SourceIdentity],
  ];
  for (const [key, value] of optional) if (typeof value === 'string') context[key] = value;
  const transitive = input.TransitiveTagKeys;
  if (Array.isArray(transitive) && transitive.length > 0)
    context['sts:TransitiveTagKeys'] = transitive.map(String);

  const target = (action: string): AuthzTarget => ({
    action,
    resource: roleArn,
    resourceAccount: roleAccount,
    context,
  });
  const targets = [target('sts:AssumeRole')];
  if (Array.isArray(input.Tags) && input.Tags.length > 0) targets.push(target('sts:TagSession'));
  if (typeof input.SourceIdentity === 'string') targets.push(target('sts:SetSourceIdentity'));
  return targets;
}
