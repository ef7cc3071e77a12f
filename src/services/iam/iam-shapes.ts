// Store records → the model's output shapes. Which attributes each operation returns is decided by the
// operation's file; these build the full shape.
import type {
  AttachedPermissionsBoundary,
  Group,
  Policy,
  Role,
  Tag as TagShape,
  User,
} from '../../protocol/generated/iam.js';
import type { GroupRecord, ManagedPolicyRecord, RoleRecord, Tag, UserRecord } from '../../store/records.js';
import { encodePolicyDocument } from './encode-policy-document.js';

export function toDate(ms: number): Date {
  return new Date(ms);
}

export function toTags(tags: readonly Tag[]): TagShape[] {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}

export function fromTags(tags: readonly TagShape[] | undefined): Tag[] {
  return (tags ?? []).map((t) => ({ key: t.Key, value: t.Value }));
}

export function toBoundary(arn: string | undefined): { PermissionsBoundary?: AttachedPermissionsBoundary } {
  return arn
    ? {
        PermissionsBoundary: {
          PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
          PermissionsBoundaryArn: arn,
        },
      }
    : {};
}

/** GetUser and CreateUser; ListUsers leaves out the boundary and tags. */
export function toUser(user: UserRecord, detail = true): User {
  return {
    Path: user.path,
    UserName: user.name,
    UserId: user.id,
    Arn: user.arn,
    CreateDate: toDate(user.createDate),
    ...(user.passwordLastUsed !== undefined && { PasswordLastUsed: toDate(user.passwordLastUsed) }),
    ...(detail && toBoundary(user.permissionsBoundaryArn)),
    ...(detail && user.tags.length > 0 && { Tags: toTags(user.tags) }),
  };
}

export function toGroup(group: GroupRecord): Group {
  return {
    Path: group.path,
    GroupName: group.name,
    GroupId: group.id,
    Arn: group.arn,
    CreateDate: toDate(group.createDate),
  };
}

/** GetRole's full shape; callers drop what their operation does not return. */
export function toRole(role: RoleRecord): Role {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: toDate(role.createDate),
    AssumeRolePolicyDocument: encodePolicyDocument(role.assumeRolePolicyDocument),
    ...(role.description !== undefined && { Description: role.description }),
    MaxSessionDuration: role.maxSessionDuration,
    ...toBoundary(role.permissionsBoundaryArn),
    ...(role.tags.length > 0 && { Tags: toTags(role.tags) }),
    RoleLastUsed: {
      ...(role.lastUsedDate !== undefined && { LastUsedDate: toDate(role.lastUsedDate) }),
      ...(role.lastUsedRegion !== undefined && { Region: role.lastUsedRegion }),
    },
  };
}

/** GetPolicy's full shape. */
export function toPolicy(policy: ManagedPolicyRecord): Policy {
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: policy.attachmentCount,
    PermissionsBoundaryUsageCount: policy.permissionsBoundaryUsageCount,
    IsAttachable: true,
    ...(policy.description !== undefined && { Description: policy.description }),
    CreateDate: toDate(policy.createDate),
    UpdateDate: toDate(policy.updateDate),
    ...(policy.tags.length > 0 && { Tags: toTags(policy.tags) }),
  };
}
