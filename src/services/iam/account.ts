// Account aliases and GetAccountSummary.
// https://docs.aws.amazon.com/signin/latest/userguide/CreateAccountAlias.html
import { awsError } from '../../protocol/errors.js';
import type { IamHandler } from './iam-handler.js';

export const createAccountAlias: IamHandler<'CreateAccountAlias'> = async (input, ctx) => {
  const account = ctx.caller.account;
  await ctx.store.transaction(async (tx) => {
    const owner = await tx.getAccountByAlias(input.AccountAlias);
    if (owner?.id === account) return;
    // Aliases are unique across AWS.
    if (owner)
      throw awsError('iam', 'EntityAlreadyExists', `The account alias ${input.AccountAlias} already exists.`);
    // An account has one alias: a new one replaces the old.
    await tx.setAccountAlias(account, input.AccountAlias);
  });
  return undefined;
};

export const deleteAccountAlias: IamHandler<'DeleteAccountAlias'> = async (input, ctx) => {
  await ctx.store.transaction(async (tx) => {
    const current = await tx.getAccount(ctx.caller.account);
    if (current?.alias !== input.AccountAlias) {
      throw awsError('iam', 'NoSuchEntity', `The account alias ${input.AccountAlias} cannot be found.`);
    }
    await tx.setAccountAlias(ctx.caller.account, undefined);
  });
  return undefined;
};

export const listAccountAliases: IamHandler<'ListAccountAliases'> = async (_input, ctx) => {
  const account = await ctx.store.getAccount(ctx.caller.account);
  return { AccountAliases: account?.alias ? [account.alias] : [], IsTruncated: false };
};

// AWS's default quotas, as GetAccountSummary reports them
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
const QUOTAS: Readonly<Record<string, number>> = {
  UsersQuota: 5000,
  GroupsQuota: 300,
  RolesQuota: 1000,
  PoliciesQuota: 1500,
  PolicyVersionsInUseQuota: 10000,
  VersionsPerPolicyQuota: 5,
  ServerCertificatesQuota: 20,
  UserPolicySizeQuota: 2048,
  GroupPolicySizeQuota: 5120,
  RolePolicySizeQuota: 10240,
  PolicySizeQuota: 6144,
  AssumeRolePolicySizeQuota: 2048,
  GroupsPerUserQuota: 10,
  SigningCertificatesPerUserQuota: 2,
  AccessKeysPerUserQuota: 2,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  AttachedPoliciesPerUserQuota: 10,
  InstanceProfilesQuota: 1000,
  GlobalEndpointTokenVersion: 1,
};

export const getAccountSummary: IamHandler<'GetAccountSummary'> = async (_input, ctx) => {
  const c = await ctx.store.countAccountEntities(ctx.caller.account);
  return {
    SummaryMap: {
      ...QUOTAS,
      Users: c.users,
      Groups: c.groups,
      Roles: c.roles,
      Policies: c.policies,
      PolicyVersionsInUse: c.policyVersionsInUse,
      ServerCertificates: c.serverCertificates,
      MFADevices: c.mfaDevices,
      MFADevicesInUse: c.mfaDevicesInUse,
      AccountMFAEnabled: c.accountMfaEnabled ? 1 : 0,
      AccountAccessKeysPresent: c.accountAccessKeysPresent ? 1 : 0,
      AccountPasswordPresent: c.accountPasswordPresent ? 1 : 0,
      AccountSigningCertificatesPresent: 0,
      InstanceProfiles: 0,
      Providers: 0,
    },
  };
};
