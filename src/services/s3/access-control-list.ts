// S3 ACLs in their three written forms (a canned ACL header, x-amz-grant-* headers, an
// AccessControlPolicy document) read into the stored AccessControlList, and written back as S3 shows
// them. Grantees are resolved when the ACL is written: an e-mail address becomes the account's
// canonical user id, as S3 stores it.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
import { canonicalUserId } from '../../arn/index.js';
import type {
  AccessControlPolicy,
  Grant as GrantShape,
  Owner,
  Permission as PermissionShape,
} from '../../protocol/generated/s3.js';
import type { AccessControlList, Grant, Grantee, Permission } from '../../store/s3-records.js';
import type { StoreReads } from '../../store/store.js';
import { s3Error } from './s3-errors.js';

export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
export const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery';
const GROUPS = new Set([ALL_USERS, AUTHENTICATED_USERS, LOG_DELIVERY]);

/** The ACL inputs PutBucketAcl, CreateBucket, PutObject, PutObjectAcl… share. */
export interface AclInput {
  ACL?: string;
  GrantFullControl?: string;
  GrantRead?: string;
  GrantReadACP?: string;
  GrantWrite?: string;
  GrantWriteACP?: string;
}

/** What a new bucket or object gets without any ACL input: its owner has FULL_CONTROL. */
export function ownerOnlyAcl(ownerId: string): AccessControlList {
  return {
    ownerId,
    grants: [{ grantee: { type: 'CanonicalUser', id: ownerId }, permission: 'FULL_CONTROL' }],
  };
}

/**
 * The ACL the request's canned header or grant headers ask for, or undefined when it has neither.
 * `bucketOwnerId` serves the object-only canned ACLs (bucket-owner-read, bucket-owner-full-control).
 */
export async function aclFromHeaders(
  input: AclInput,
  ownerId: string,
  bucketOwnerId: string,
  reads: StoreReads,
): Promise<AccessControlList | undefined> {
  const grants = await grantsFromHeaders(input, reads);
  if (input.ACL !== undefined) {
    if (grants.length > 0) {
      throw s3Error('InvalidRequest', 'Specifying both Canned ACLs and Header Grants is not allowed');
    }
    return cannedAcl(input.ACL, ownerId, bucketOwnerId);
  }
  return grants.length > 0 ? { ownerId, grants } : undefined;
}

/** Canned ACLs: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl */
export function cannedAcl(canned: string, ownerId: string, bucketOwnerId: string): AccessControlList {
  const acl = ownerOnlyAcl(ownerId);
  const group = (uri: string, permission: Permission): Grant => ({
    grantee: { type: 'Group', uri },
    permission,
  });
  const bucketOwner = (permission: Permission): Grant[] =>
    bucketOwnerId === ownerId ? [] : [{ grantee: { type: 'CanonicalUser', id: bucketOwnerId }, permission }];
  switch (canned) {
    case 'private':
    // aws-exec-read also grants READ to Amazon EC2, which trustlab does not have.
    case 'aws-exec-read':
      return acl;
    case 'public-read':
      return { ownerId, grants: [...acl.grants, group(ALL_USERS, 'READ')] };
    case 'public-read-write':
      return { ownerId, grants: [...acl.grants, group(ALL_USERS, 'READ'), group(ALL_USERS, 'WRITE')] };
    case 'authenticated-read':
      return { ownerId, grants: [...acl.grants, group(AUTHENTICATED_USERS, 'READ')] };
    case 'log-delivery-write':
      return {
        ownerId,
        grants: [...acl.grants, group(LOG_DELIVERY, 'WRITE'), group(LOG_DELIVERY, 'READ_ACP')],
      };
    case 'bucket-owner-read':
      return { ownerId, grants: [...acl.grants, ...bucketOwner('READ')] };
    case 'bucket-owner-full-control':
      return { ownerId, grants: [...acl.grants, ...bucketOwner('FULL_CONTROL')] };
    default:
      throw s3Error('InvalidArgument', undefined, { ArgumentName: 'x-amz-acl', ArgumentValue: canned });
  }
}

/** An AccessControlPolicy document (PutBucketAcl/PutObjectAcl body) whose owner must be `ownerId`. */
export async function aclFromPolicy(
  policy: AccessControlPolicy,
  ownerId: string,
  reads: StoreReads,
): Promise<AccessControlList> {
  if (!policy.Owner?.ID) throw s3Error('MalformedACLError');
  // Only the owner's canonical id may appear as Owner: an ACL cannot give the resource away.
  if (policy.Owner.ID !== ownerId) throw s3Error('AccessDenied');
  const grants: Grant[] = [];
  for (const grant of policy.Grants ?? []) grants.push(await readGrant(grant, reads));
  return { ownerId, grants };
}

/** Whether the ACL grants nothing beyond the owner's FULL_CONTROL (what BucketOwnerEnforced accepts). */
export function isOwnerOnlyAcl(acl: AccessControlList, ownerId: string): boolean {
  return acl.grants.every(
    (g) => g.grantee.type === 'CanonicalUser' && g.grantee.id === ownerId && g.permission === 'FULL_CONTROL',
  );
}

/** As S3 returns an owner: its canonical id. S3 stopped returning DisplayName on November 21, 2025. */
export function toOwner(ownerId: string): Owner {
  return { ID: ownerId };
}

export function toGrants(acl: AccessControlList): GrantShape[] {
  return acl.grants.map(({ grantee, permission }) => ({
    Grantee:
      grantee.type === 'CanonicalUser'
        ? { Type: 'CanonicalUser', ID: grantee.id }
        : grantee.type === 'Group'
          ? { Type: 'Group', URI: grantee.uri }
          : { Type: 'AmazonCustomerByEmail', EmailAddress: grantee.email },
    Permission: permission,
  }));
}

const HEADER_PERMISSIONS = [
  ['GrantFullControl', 'FULL_CONTROL'],
  ['GrantRead', 'READ'],
  ['GrantReadACP', 'READ_ACP'],
  ['GrantWrite', 'WRITE'],
  ['GrantWriteACP', 'WRITE_ACP'],
] as const satisfies readonly (readonly [keyof AclInput, Permission])[];

// `x-amz-grant-read: id="…", uri="…", emailAddress="…"`: a comma-separated list of type=value pairs.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAcl.html#API_PutBucketAcl_RequestSyntax
async function grantsFromHeaders(input: AclInput, reads: StoreReads): Promise<Grant[]> {
  const grants: Grant[] = [];
  for (const [field, permission] of HEADER_PERMISSIONS) {
    const header = input[field];
    if (header === undefined) continue;
    for (const part of header.split(',')) {
      const match = /^\s*(id|uri|emailAddress)\s*=\s*"?([^"]*)"?\s*$/i.exec(part);
      if (!match) {
        throw s3Error('InvalidArgument', undefined, {
          ArgumentName: headerName(field),
          ArgumentValue: header,
        });
      }
      const type = match[1]?.toLowerCase();
      const value = match[2] ?? '';
      const grantee: Grantee =
        type === 'id'
          ? { type: 'CanonicalUser', id: value }
          : type === 'uri'
            ? { type: 'Group', uri: value }
            : { type: 'AmazonCustomerByEmail', email: value };
      grants.push({ grantee: await resolveGrantee(grantee, reads), permission });
    }
  }
  return grants;
}

function headerName(field: keyof AclInput): string {
  return `x-amz-grant-${field
    .slice('Grant'.length)
    .replace('ACP', '-acp')
    .replace('FullControl', 'full-control')
    .toLowerCase()}`;
}

const PERMISSIONS: readonly PermissionShape[] = ['FULL_CONTROL', 'READ', 'READ_ACP', 'WRITE', 'WRITE_ACP'];

async function readGrant(grant: GrantShape, reads: StoreReads): Promise<Grant> {
  const shape = grant.Grantee;
  if (!shape || !grant.Permission || !PERMISSIONS.includes(grant.Permission))
    throw s3Error('MalformedACLError');
  const grantee: Grantee | undefined =
    shape.Type === 'CanonicalUser' && shape.ID !== undefined
      ? { type: 'CanonicalUser', id: shape.ID }
      : shape.Type === 'Group' && shape.URI !== undefined
        ? { type: 'Group', uri: shape.URI }
        : shape.Type === 'AmazonCustomerByEmail' && shape.EmailAddress !== undefined
          ? { type: 'AmazonCustomerByEmail', email: shape.EmailAddress }
          : undefined;
  if (!grantee) throw s3Error('MalformedACLError');
  return { grantee: await resolveGrantee(grantee, reads), permission: grant.Permission };
}

/** A grantee that names an existing account or one of S3's groups; e-mail addresses become ids. */
async function resolveGrantee(grantee: Grantee, reads: StoreReads): Promise<Grantee> {
  switch (grantee.type) {
    case 'Group':
      if (GROUPS.has(grantee.uri)) return grantee;
      throw s3Error('InvalidArgument', 'Invalid group uri', {
        ArgumentName: 'Group/URI',
        ArgumentValue: grantee.uri,
      });
    case 'CanonicalUser': {
      const accounts = await reads.listAccounts();
      if (accounts.some((a) => canonicalUserId(a.id) === grantee.id)) return grantee;
      throw s3Error('InvalidArgument', 'Invalid id', {
        ArgumentName: 'CanonicalUser/ID',
        ArgumentValue: grantee.id,
      });
    }
    case 'AmazonCustomerByEmail': {
      const email = grantee.email.toLowerCase();
      const account = (await reads.listAccounts()).find((a) => a.rootEmail.toLowerCase() === email);
      if (account) return { type: 'CanonicalUser', id: canonicalUserId(account.id) };
      throw s3Error('UnresolvableGrantByEmailAddress', undefined, { EmailAddress: grantee.email });
    }
  }
}
