// Expected actions and resources: AWS's Service Authorization Reference for IAM,
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/load-catalogue.js';
import { callerFromArn } from '../policy/evaluate/caller-from-arn.js';
import type { IamEntityLookup } from './authz-target.js';
import { iamTargets } from './iam-targets.js';

const account = '111111111111';
const david = callerFromArn(`arn:aws:iam::${account}:user/developers/David`);
if (!david) throw new Error('fixture');

// The entities this account holds, as the store would answer.
const entities: IamEntityLookup = {
  path: async (_account, kind, name) =>
    kind === 'user' && name === 'Theresa'
      ? '/testers/'
      : kind === 'role' && name === 'UpdateApp'
        ? '/'
        : undefined,
  tags: async (_account, kind, name) => (kind === 'user' && name === 'Theresa' ? { team: 'qa' } : undefined),
  permissionsBoundary: async (_account, kind, name) =>
    kind === 'user' && name === 'Theresa' ? `arn:aws:iam::${account}:policy/Boundary` : undefined,
};
const catalogue = loadCatalogue();
const target = async (operation: string, input: Record<string, unknown>) => {
  const targets = await iamTargets({ operation, input, caller: david, account, entities, catalogue });
  expect(targets).toHaveLength(1);
  const [only] = targets;
  if (!only) throw new Error(`no target for ${operation}`);
  return only;
};

describe('iamTargets', async () => {
  it('CreateUser: the new user with its path, request tags and the boundary it asks for', async () => {
    expect(
      await target('CreateUser', {
        UserName: 'Bob',
        Path: '/division/',
        Tags: [{ Key: 'team', Value: 'red' }],
        PermissionsBoundary: `arn:aws:iam::${account}:policy/Boundary`,
      }),
    ).toEqual({
      action: 'iam:CreateUser',
      resource: `arn:aws:iam::${account}:user/division/Bob`,
      resourceAccount: account,
      context: {
        'aws:RequestTag/team': 'red',
        'aws:TagKeys': ['team'],
        'iam:PermissionsBoundary': `arn:aws:iam::${account}:policy/Boundary`,
      },
    });
  });

  it('an existing user: its stored path, its tags as aws:ResourceTag and its boundary', async () => {
    expect(await target('DeleteUser', { UserName: 'Theresa' })).toEqual({
      action: 'iam:DeleteUser',
      resource: `arn:aws:iam::${account}:user/testers/Theresa`,
      resourceAccount: account,
      context: {
        'aws:ResourceTag/team': 'qa',
        'iam:PermissionsBoundary': `arn:aws:iam::${account}:policy/Boundary`,
      },
    });
  });

  it('GetUser and CreateAccessKey without UserName act on the caller', async () => {
    expect((await target('GetUser', {})).resource).toBe(`arn:aws:iam::${account}:user/developers/David`);
    expect((await target('CreateAccessKey', {})).resource).toBe(
      `arn:aws:iam::${account}:user/developers/David`,
    );
  });

  it('ListUsers and ListRoles authorize on the path prefix they list', async () => {
    expect((await target('ListUsers', {})).resource).toBe(`arn:aws:iam::${account}:user/`);
    expect((await target('ListRoles', { PathPrefix: '/service/' })).resource).toBe(
      `arn:aws:iam::${account}:role/service/`,
    );
  });

  it('AttachRolePolicy names the role and sets iam:PolicyARN', async () => {
    const policy = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    expect(await target('AttachRolePolicy', { RoleName: 'UpdateApp', PolicyArn: policy })).toMatchObject({
      resource: `arn:aws:iam::${account}:role/UpdateApp`,
      context: { 'iam:PolicyARN': policy },
    });
  });

  it('policy operations act on the policy ARN; CreatePolicy on the new one', async () => {
    const arn = `arn:aws:iam::${account}:policy/read-write-app-bucket`;
    expect((await target('CreatePolicyVersion', { PolicyArn: arn })).resource).toBe(arn);
    expect((await target('CreatePolicy', { PolicyName: 'read-write-app-bucket' })).resource).toBe(arn);
  });

  it('actions without a resource type ask for *', async () => {
    expect((await target('GetAccountSummary', {})).resource).toBe('*');
    expect((await target('CreateAccountAlias', { AccountAlias: 'production' })).resource).toBe('*');
  });

  it('virtual MFA devices are mfa resources named with their path', async () => {
    expect((await target('CreateVirtualMFADevice', { VirtualMFADeviceName: 'David' })).resource).toBe(
      `arn:aws:iam::${account}:mfa/David`,
    );
  });

  it('UntagUser passes the removed keys as aws:TagKeys', async () => {
    expect(
      (await target('UntagUser', { UserName: 'Theresa', TagKeys: ['team'] })).context['aws:TagKeys'],
    ).toEqual(['team']);
  });
  it('the policy simulator: the simulated principal for SimulatePrincipalPolicy, `*` for custom policies', async () => {
    const source = `arn:aws:iam::${account}:user/testers/Theresa`;
    for (const operation of ['SimulatePrincipalPolicy', 'GetContextKeysForPrincipalPolicy']) {
      expect(
        await target(operation, { PolicySourceArn: source, ActionNames: ['s3:GetObject'] }),
      ).toMatchObject({
        action: `iam:${operation}`,
        resource: source,
      });
    }
    for (const operation of ['SimulateCustomPolicy', 'GetContextKeysForCustomPolicy']) {
      expect(
        await target(operation, { PolicyInputList: ['{}'], ActionNames: ['s3:GetObject'] }),
      ).toMatchObject({
        action: `iam:${operation}`,
        resource: '*',
      });
    }
  });
});
