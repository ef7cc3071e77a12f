// IAM and STS ARNs. Entities carry their path between the type and the name:
// `arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob`; the default path `/` adds nothing.
// Sessions have no path: `arn:aws:sts::123456789012:assumed-role/RoleName/SessionName`.
// AWS managed policies live in the pseudo account `aws`: `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess`.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
import { formatArn, parseArn } from './parse-arn.js';

/** Resource types whose ARNs carry a path. */
export type IamEntityType =
  | 'user'
  | 'group'
  | 'role'
  | 'policy'
  | 'mfa'
  | 'instance-profile'
  | 'server-certificate';

export interface IamEntityArn {
  kind: IamEntityType;
  partition: string;
  account: string;
  /** `/` or `/a/b/`: always begins and ends with a slash. */
  path: string;
  name: string;
}

export type IamArn =
  | IamEntityArn
  | { kind: 'root'; partition: string; account: string }
  | { kind: 'assumed-role'; partition: string; account: string; roleName: string; sessionName: string }
  | { kind: 'federated-user'; partition: string; account: string; name: string };

export interface IamEntityArnInput {
  account: string;
  kind: IamEntityType;
  name: string;
  /** Defaults to `/`. */
  path?: string;
  partition?: string;
}

export function formatIamArn(input: IamEntityArnInput): string {
  const path = input.path ?? '/';
  return formatArn({
    partition: input.partition ?? 'aws',
    service: 'iam',
    region: '',
    account: input.account,
    resource: `${input.kind}${path}${input.name}`,
  });
}

/** `arn:aws:iam::A:root`: the account's root user, and in a policy Principal the whole account. */
export function rootArn(account: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${account}:root`;
}

export function assumedRoleArn(
  account: string,
  roleName: string,
  sessionName: string,
  partition = 'aws',
): string {
  return `arn:${partition}:sts::${account}:assumed-role/${roleName}/${sessionName}`;
}

export function federatedUserArn(account: string, name: string, partition = 'aws'): string {
  return `arn:${partition}:sts::${account}:federated-user/${name}`;
}

/** Reads an IAM entity, root or STS session ARN; undefined for anything else (other services, wildcards). */
export function parseIamArn(text: string): IamArn | undefined {
  const arn = parseArn(text);
  if (arn?.region !== '') return undefined;
  const { partition, account, resource } = arn;
  if (arn.service === 'sts') {
    if (!ACCOUNT.test(account)) return undefined;
    const session = /^assumed-role\/([^/]+)\/([^/]+)$/.exec(resource);
    if (session) {
      return {
        kind: 'assumed-role',
        partition,
        account,
        roleName: session[1] ?? '',
        sessionName: session[2] ?? '',
      };
    }
    const federated = /^federated-user\/([^/]+)$/.exec(resource);
    return federated ? { kind: 'federated-user', partition, account, name: federated[1] ?? '' } : undefined;
  }
  if (arn.service !== 'iam') return undefined;
  if (resource === 'root') return ACCOUNT.test(account) ? { kind: 'root', partition, account } : undefined;
  const slash = resource.indexOf('/');
  const last = resource.lastIndexOf('/');
  if (slash < 0) return undefined;
  const kind = resource.slice(0, slash);
  if (!isEntityType(kind)) return undefined;
  // Only policies may live in the `aws` pseudo account.
  if (!ACCOUNT.test(account) && !(account === 'aws' && kind === 'policy')) return undefined;
  const name = resource.slice(last + 1);
  if (name === '' || /[*?]/.test(name)) return undefined;
  return { kind, partition, account, path: resource.slice(slash, last + 1), name };
}

/** A role ARN's account, path and name; undefined for any other ARN. */
export function parseRoleArn(text: string): IamEntityArn | undefined {
  const arn = parseIamArn(text);
  return arn?.kind === 'role' ? arn : undefined;
}

const ACCOUNT = /^\d{12}$/;
const ENTITY_TYPES: ReadonlySet<string> = new Set<IamEntityType>([
  'user',
  'group',
  'role',
  'policy',
  'mfa',
  'instance-profile',
  'server-certificate',
]);

function isEntityType(kind: string): kind is IamEntityType {
  return ENTITY_TYPES.has(kind);
}
