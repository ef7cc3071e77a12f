import type { ContextValue } from '../policy/types.js';

/** One IAM authorization request an operation makes: the action, the resource and its condition keys. */
export interface AuthzTarget {
  action: string;
  resource: string;
  /** The account that owns the resource (a role's account for sts:AssumeRole). */
  resourceAccount: string;
  /** Condition keys the operation itself supplies (request tags, iam:PolicyARN…); global keys come from the caller. */
  context: Record<string, ContextValue>;
  /** The resource's own policy when the target carries it (an S3 bucket's); trust policies are looked up. */
  resourcePolicy?: ResourcePolicyRef;
}

/** A resource-based policy by its text, with the names explanations give it. */
export interface ResourcePolicyRef {
  id: string;
  name: string;
  document: string;
}

export type IamEntityKind = 'user' | 'group' | 'role';

/** What authorization needs to know of existing IAM entities; the store answers it. */
export interface IamEntityLookup {
  /** The entity's path (`/` or `/division/`), undefined when it does not exist. */
  path(account: string, kind: IamEntityKind, name: string): Promise<string | undefined>;
  /** The entity's tags, for `aws:ResourceTag/…`. */
  tags(
    account: string,
    kind: 'user' | 'role',
    name: string,
  ): Promise<Readonly<Record<string, string>> | undefined>;
  /** The ARN of the entity's permissions boundary, for `iam:PermissionsBoundary`. */
  permissionsBoundary(account: string, kind: 'user' | 'role', name: string): Promise<string | undefined>;
}
