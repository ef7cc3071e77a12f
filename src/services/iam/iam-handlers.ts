// Every IAM operation trustlab answers; the server answers the others with NotImplemented.
import type { IamOperationName, IamOperations } from '../../protocol/generated/iam.js';
import type { OperationHandler } from '../handler-context.js';
import {
  createAccessKey,
  deleteAccessKey,
  getAccessKeyLastUsed,
  listAccessKeys,
  updateAccessKey,
} from './access-keys.js';
import { createAccountAlias, deleteAccountAlias, getAccountSummary, listAccountAliases } from './account.js';
import {
  attachGroupPolicy,
  attachRolePolicy,
  attachUserPolicy,
  detachGroupPolicy,
  detachRolePolicy,
  detachUserPolicy,
  listAttachedGroupPolicies,
  listAttachedRolePolicies,
  listAttachedUserPolicies,
  listEntitiesForPolicy,
} from './attachments.js';
import { getAccountAuthorizationDetails } from './authorization-details.js';
import { getContextKeysForCustomPolicy, getContextKeysForPrincipalPolicy } from './context-keys.js';
import {
  addUserToGroup,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  listGroupsForUser,
  removeUserFromGroup,
  updateGroup,
} from './groups.js';
import {
  deleteGroupPolicy,
  deleteRolePolicy,
  deleteUserPolicy,
  getGroupPolicy,
  getRolePolicy,
  getUserPolicy,
  listGroupPolicies,
  listRolePolicies,
  listUserPolicies,
  putGroupPolicy,
  putRolePolicy,
  putUserPolicy,
} from './inline-policies.js';
import {
  createLoginProfile,
  deleteLoginProfile,
  getLoginProfile,
  updateLoginProfile,
} from './login-profiles.js';
import {
  createPolicy,
  createPolicyVersion,
  deletePolicy,
  deletePolicyVersion,
  getPolicy,
  getPolicyVersion,
  listPolicies,
  listPolicyVersions,
  setDefaultPolicyVersion,
} from './managed-policies.js';
import {
  createVirtualMfaDevice,
  deactivateMfaDevice,
  deleteVirtualMfaDevice,
  enableMfaDevice,
  listMfaDevices,
  listVirtualMfaDevices,
} from './mfa.js';
import {
  deleteRolePermissionsBoundary,
  deleteUserPermissionsBoundary,
  putRolePermissionsBoundary,
  putUserPermissionsBoundary,
} from './permissions-boundaries.js';
import {
  createRole,
  deleteRole,
  getRole,
  listRoles,
  updateAssumeRolePolicy,
  updateRole,
  updateRoleDescription,
} from './roles.js';
import { simulateCustomPolicy, simulatePrincipalPolicy } from './simulate-policy.js';
import {
  listPolicyTags,
  listRoleTags,
  listUserTags,
  tagPolicy,
  tagRole,
  tagUser,
  untagPolicy,
  untagRole,
  untagUser,
} from './tags.js';
import { createUser, deleteUser, getUser, listUsers, updateUser } from './users.js';

export const iamHandlers: {
  [K in IamOperationName]?: OperationHandler<IamOperations[K]['input'], IamOperations[K]['output']>;
} = {
  // users
  CreateUser: createUser,
  GetUser: getUser,
  ListUsers: listUsers,
  UpdateUser: updateUser,
  DeleteUser: deleteUser,
  // groups and membership
  CreateGroup: createGroup,
  GetGroup: getGroup,
  ListGroups: listGroups,
  UpdateGroup: updateGroup,
  DeleteGroup: deleteGroup,
  AddUserToGroup: addUserToGroup,
  RemoveUserFromGroup: removeUserFromGroup,
  ListGroupsForUser: listGroupsForUser,
  // roles
  CreateRole: createRole,
  GetRole: getRole,
  ListRoles: listRoles,
  UpdateRole: updateRole,
  UpdateRoleDescription: updateRoleDescription,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  DeleteRole: deleteRole,
  // customer managed policies
  CreatePolicy: createPolicy,
  GetPolicy: getPolicy,
  ListPolicies: listPolicies,
  DeletePolicy: deletePolicy,
  CreatePolicyVersion: createPolicyVersion,
  GetPolicyVersion: getPolicyVersion,
  ListPolicyVersions: listPolicyVersions,
  SetDefaultPolicyVersion: setDefaultPolicyVersion,
  DeletePolicyVersion: deletePolicyVersion,
  // inline policies
  PutUserPolicy: putUserPolicy,
  GetUserPolicy: getUserPolicy,
  ListUserPolicies: listUserPolicies,
  DeleteUserPolicy: deleteUserPolicy,
  PutGroupPolicy: putGroupPolicy,
  GetGroupPolicy: getGroupPolicy,
  ListGroupPolicies: listGroupPolicies,
  DeleteGroupPolicy: deleteGroupPolicy,
  PutRolePolicy: putRolePolicy,
  GetRolePolicy: getRolePolicy,
  ListRolePolicies: listRolePolicies,
  DeleteRolePolicy: deleteRolePolicy,
  // attachments
  AttachUserPolicy: attachUserPolicy,
  AttachGroupPolicy: attachGroupPolicy,
  AttachRolePolicy: attachRolePolicy,
  DetachUserPolicy: detachUserPolicy,
  DetachGroupPolicy: detachGroupPolicy,
  DetachRolePolicy: detachRolePolicy,
  ListAttachedUserPolicies: listAttachedUserPolicies,
  ListAttachedGroupPolicies: listAttachedGroupPolicies,
  ListAttachedRolePolicies: listAttachedRolePolicies,
  ListEntitiesForPolicy: listEntitiesForPolicy,
  // permissions boundaries
  PutUserPermissionsBoundary: putUserPermissionsBoundary,
  DeleteUserPermissionsBoundary: deleteUserPermissionsBoundary,
  PutRolePermissionsBoundary: putRolePermissionsBoundary,
  DeleteRolePermissionsBoundary: deleteRolePermissionsBoundary,
  // tags
  TagUser: tagUser,
  UntagUser: untagUser,
  ListUserTags: listUserTags,
  TagRole: tagRole,
  UntagRole: untagRole,
  ListRoleTags: listRoleTags,
  TagPolicy: tagPolicy,
  UntagPolicy: untagPolicy,
  ListPolicyTags: listPolicyTags,
  // access keys
  CreateAccessKey: createAccessKey,
  ListAccessKeys: listAccessKeys,
  UpdateAccessKey: updateAccessKey,
  DeleteAccessKey: deleteAccessKey,
  GetAccessKeyLastUsed: getAccessKeyLastUsed,
  // console passwords
  CreateLoginProfile: createLoginProfile,
  GetLoginProfile: getLoginProfile,
  UpdateLoginProfile: updateLoginProfile,
  DeleteLoginProfile: deleteLoginProfile,
  // account
  CreateAccountAlias: createAccountAlias,
  DeleteAccountAlias: deleteAccountAlias,
  ListAccountAliases: listAccountAliases,
  GetAccountSummary: getAccountSummary,
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  // virtual MFA
  CreateVirtualMFADevice: createVirtualMfaDevice,
  EnableMFADevice: enableMfaDevice,
  DeactivateMFADevice: deactivateMfaDevice,
  DeleteVirtualMFADevice: deleteVirtualMfaDevice,
  ListMFADevices: listMfaDevices,
  ListVirtualMFADevices: listVirtualMfaDevices,
  // the policy simulator
  SimulatePrincipalPolicy: simulatePrincipalPolicy,
  SimulateCustomPolicy: simulateCustomPolicy,
  GetContextKeysForPrincipalPolicy: getContextKeysForPrincipalPolicy,
  GetContextKeysForCustomPolicy: getContextKeysForCustomPolicy,
};
