// IAM operation → the IAM authorization request it makes, per AWS's Service Authorization Reference:
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html

import type { CallerFacts, ContextValue } from '../policy/types.js';
import type { Catalogue } from '../policy/validate/catalogue.js';
import type { AuthzTarget, IamEntityLookup } from './authz-target.js';
import { inputText } from './input-text.js';
import { requestTagContext } from './request-tags.js';

/**
 * Operations whose user defaults to the caller: "If you do not specify a user name, IAM determines
 * the user name implicitly based on the Amazon Web Services access key ID signing the request."
 */
const DEFAULTS_TO_CALLER = new Set([
  'ChangePassword',
  'CreateAccessKey',
  'DeleteAccessKey',
  'DeleteSigningCertificate',
  'GetUser',
  'ListAccessKeys',
  'ListMFADevices',
  'ListSigningCertificates',
  'ListSSHPublicKeys',
  'ListServiceSpecificCredentials',
  'UpdateAccessKey',
  'UpdateSigningCertificate',
  'UploadSigningCertificate',
]);

/**
 * List operations authorize against the path prefix they list, although the catalogue gives them no
 * resource type: AWS answers `… iam:ListUsers on resource: arn:aws:iam::123456789012:user/`.
 */
const LISTS_UNDER_PREFIX: Readonly<Record<string, string>> = {
  ListGroups: 'group',
  ListInstanceProfiles: 'instance-profile',
  ListRoles: 'role',
  ListServerCertificates: 'server-certificate',
  ListUsers: 'user',
};

export interface IamTargetInput {
  operation: string;
  input: Readonly<Record<string, unknown>>;
  caller: CallerFacts;
  /** The caller's account: IAM resources always live there. */
  account: string;
  entities: IamEntityLookup;
  catalogue: Catalogue;
}

export async function iamTargets(request: IamTargetInput): Promise<AuthzTarget[]> {
  const { operation, account } = request;
  return [
    {
      action: `iam:${operation}`,
      resource: await iamResource(request),
      resourceAccount: account,
      context: await iamContext(request),
    },
  ];
}

async function iamResource({
  operation,
  input,
  caller,
  account,
  entities,
  catalogue,
}: IamTargetInput): Promise<string> {
  const listed = LISTS_UNDER_PREFIX[operation];
  if (listed) return `arn:aws:iam::${account}:${listed}${asPath(input.PathPrefix)}`;
  const source = inputText(input.PolicySourceArn);
  if (source) return source;
  const action = catalogue.action('iam', operation);
  const type = action?.resourceTypes.find((t) => t.required) ?? action?.resourceTypes[0];
  const entityArn = async (
    kind: 'user' | 'group' | 'role',
    name: string | undefined,
  ): Promise<string | undefined> => {
    if (name === undefined) return undefined;
    const path =
      operation === `Create${capitalize(kind)}`
        ? asPath(input.Path)
        : await entities.path(account, kind, name);
    return `arn:aws:iam::${account}:${kind}${path ?? '/'}${name}`;
  };
  switch (type?.name) {
    case undefined:
      return '*';
    case 'user': {
      const named = await entityArn('user', inputText(input.UserName));
      if (named) return named;
      // Without a UserName the caller's own user is meant (its ARN already carries its path).
      return DEFAULTS_TO_CALLER.has(operation) ? caller.arn : `arn:aws:iam::${account}:user/`;
    }
    case 'group':
      return (await entityArn('group', inputText(input.GroupName))) ?? `arn:aws:iam::${account}:group/`;
    case 'role':
      return (await entityArn('role', inputText(input.RoleName))) ?? `arn:aws:iam::${account}:role/`;
    case 'policy':
      return (
        inputText(input.PolicyArn) ??
        `arn:aws:iam::${account}:policy${asPath(input.Path)}${inputText(input.PolicyName) ?? ''}`
      );
    case 'mfa':
      return (
        inputText(input.SerialNumber) ??
        `arn:aws:iam::${account}:mfa${asPath(input.Path)}${inputText(input.VirtualMFADeviceName) ?? ''}`
      );
    case 'instance-profile':
      return `arn:aws:iam::${account}:instance-profile${asPath(input.Path)}${inputText(input.InstanceProfileName) ?? ''}`;
    case 'oidc-provider':
      return (
        inputText(input.OpenIDConnectProviderArn) ??
        `arn:aws:iam::${account}:oidc-provider/${inputText(input.Url) ?? ''}`
      );
    case 'saml-provider':
      return (
        inputText(input.SAMLProviderArn) ??
        `arn:aws:iam::${account}:saml-provider/${inputText(input.Name) ?? ''}`
      );
    default:
      return '*';
  }
}

/**
 * The condition keys an IAM operation supplies: request tags, `iam:PolicyARN`, `iam:PermissionsBoundary`
 * (the one requested, else the target entity's), and the target user's or role's `aws:ResourceTag/…`.
 */
async function iamContext({
  operation,
  input,
  account,
  entities,
}: IamTargetInput): Promise<Record<string, ContextValue>> {
  const context: Record<string, ContextValue> = { ...requestTagContext(input.Tags, input.TagKeys) };
  const policyArn = inputText(input.PolicyArn);
  if (policyArn && /^(Attach|Detach)/.test(operation)) context['iam:PolicyARN'] = policyArn;
  const target = targetEntity(input);
  const boundary =
    inputText(input.PermissionsBoundary) ??
    (target && !operation.startsWith('Create')
      ? await entities.permissionsBoundary(account, target.kind, target.name)
      : undefined);
  if (boundary) context['iam:PermissionsBoundary'] = boundary;
  if (target) {
    for (const [key, value] of Object.entries(
      (await entities.tags(account, target.kind, target.name)) ?? {},
    )) {
      context[`aws:ResourceTag/${key}`] = value;
    }
  }
  return context;
}

function targetEntity(
  input: Readonly<Record<string, unknown>>,
): { kind: 'user' | 'role'; name: string } | undefined {
  const user = inputText(input.UserName);
  if (user) return { kind: 'user', name: user };
  const role = inputText(input.RoleName);
  return role ? { kind: 'role', name: role } : undefined;
}

/** An IAM path as it goes into an ARN: `/` when absent. */
function asPath(value: unknown): string {
  return inputText(value) ?? '/';
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
