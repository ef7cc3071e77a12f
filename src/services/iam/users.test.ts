import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccessKey, deleteAccessKey } from './access-keys.js';
import { addUserToGroup, createGroup, removeUserFromGroup } from './groups.js';
import { awsFailure, DEVELOPMENT, type IamFixture, openIamFixture, PRODUCTION } from './iam-test-fixture.js';
import { deleteUserPolicy, putUserPolicy } from './inline-policies.js';
import { createLoginProfile } from './login-profiles.js';
import { createUser, deleteUser, getUser, listUsers, updateUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

describe('CreateUser / GetUser (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html)', () => {
  it('creates David with an AIDA id and an ARN that carries the path', async () => {
    const dev = f.root(DEVELOPMENT);
    const { User } = await createUser({ UserName: 'David', Path: '/engineering/' }, dev);
    expect(User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(User?.Arn).toBe('arn:aws:iam::111111111111:user/engineering/David');
    expect(User?.Path).toBe('/engineering/');
    const got = await getUser({ UserName: 'David' }, dev);
    expect(got.User).toEqual(User);
  });

  it('refuses a second user of the same name, in any case, with AWS message', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    expect(await awsFailure(createUser({ UserName: 'david' }, dev))).toEqual({
      code: 'EntityAlreadyExists',
      status: 409,
      awsMessage: 'User with name david already exists.',
    });
  });

  it('keeps accounts apart: the same name may exist in another account', async () => {
    await createUser({ UserName: 'David' }, f.root(DEVELOPMENT));
    await createUser({ UserName: 'David' }, f.root(PRODUCTION));
    expect((await getUser({ UserName: 'David' }, f.root(PRODUCTION))).User.Arn).toBe(
      'arn:aws:iam::999999999999:user/David',
    );
  });

  it('answers NoSuchEntity for a missing user', async () => {
    expect(await awsFailure(getUser({ UserName: 'Nobody' }, f.root(DEVELOPMENT)))).toEqual({
      code: 'NoSuchEntity',
      status: 404,
      awsMessage: 'The user with name Nobody cannot be found.',
    });
  });

  it('without UserName answers the signing user, and the root ARN for the root user', async () => {
    await createUser({ UserName: 'David' }, f.root(DEVELOPMENT));
    expect((await getUser({}, f.user('David', DEVELOPMENT))).User.UserName).toBe('David');
    const root = (await getUser({}, f.root(DEVELOPMENT))).User;
    expect(root.Arn).toBe('arn:aws:iam::111111111111:root');
    expect(root.UserId).toBe(DEVELOPMENT);
    expect(root.UserName).toBeUndefined();
  });

  it('without UserName from a role session is a ValidationError', async () => {
    expect((await awsFailure(getUser({}, f.roleSession('UpdateApp')))).code).toBe('ValidationError');
  });

  it('stores tags, and a key given twice in any case is InvalidInput', async () => {
    const dev = f.root(DEVELOPMENT);
    const { User } = await createUser({ UserName: 'David', Tags: [{ Key: 'team', Value: 'dev' }] }, dev);
    expect(User?.Tags).toEqual([{ Key: 'team', Value: 'dev' }]);
    const twice = [
      { Key: 'team', Value: 'a' },
      { Key: 'Team', Value: 'b' },
    ];
    expect((await awsFailure(createUser({ UserName: 'Theresa', Tags: twice }, dev))).code).toBe(
      'InvalidInput',
    );
  });
});

describe('ListUsers (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUsers.html)', () => {
  it('pages with Marker and MaxItems, filters by path prefix and leaves out tags', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David', Path: '/dev/', Tags: [{ Key: 'k', Value: 'v' }] }, dev);
    await createUser({ UserName: 'Theresa', Path: '/test/' }, dev);
    await createUser({ UserName: 'Zoe' }, dev);
    const first = await listUsers({ MaxItems: 2 }, dev);
    expect(first.Users.map((u) => u.UserName)).toEqual(['David', 'Theresa']);
    expect(first.IsTruncated).toBe(true);
    expect(first.Users[0]?.Tags).toBeUndefined();
    const second = await listUsers({ MaxItems: 2, ...(first.Marker && { Marker: first.Marker }) }, dev);
    expect(second.Users.map((u) => u.UserName)).toEqual(['Zoe']);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
    expect((await listUsers({ PathPrefix: '/test/' }, dev)).Users.map((u) => u.UserName)).toEqual([
      'Theresa',
    ]);
  });
});

describe('UpdateUser (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateUser.html)', () => {
  it('renames and moves a user; the ARN follows', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    await updateUser({ UserName: 'David', NewUserName: 'Dave', NewPath: '/ops/' }, dev);
    expect((await getUser({ UserName: 'Dave' }, dev)).User.Arn).toBe(
      'arn:aws:iam::111111111111:user/ops/Dave',
    );
    expect((await awsFailure(getUser({ UserName: 'David' }, dev))).code).toBe('NoSuchEntity');
  });

  it('refuses a new name that is taken', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    await createUser({ UserName: 'Theresa' }, dev);
    expect(
      (await awsFailure(updateUser({ UserName: 'David', NewUserName: 'Theresa' }, dev))).awsMessage,
    ).toBe('User with name Theresa already exists.');
  });
});

describe('DeleteUser (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUser.html)', () => {
  it('refuses while the user has access keys, a password, inline policies or groups', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    const { AccessKey } = await createAccessKey({ UserName: 'David' }, dev);
    expect(await awsFailure(deleteUser({ UserName: 'David' }, dev))).toEqual({
      code: 'DeleteConflict',
      status: 409,
      awsMessage: 'Cannot delete entity, must delete access keys first.',
    });
    await deleteAccessKey({ UserName: 'David', AccessKeyId: AccessKey.AccessKeyId }, dev);

    await createGroup({ GroupName: 'Developers' }, dev);
    await addUserToGroup({ GroupName: 'Developers', UserName: 'David' }, dev);
    expect((await awsFailure(deleteUser({ UserName: 'David' }, dev))).awsMessage).toBe(
      'Cannot delete entity, must remove users from group first.',
    );
    await removeUserFromGroup({ GroupName: 'Developers', UserName: 'David' }, dev);

    const doc = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}';
    await putUserPolicy({ UserName: 'David', PolicyName: 's3', PolicyDocument: doc }, dev);
    expect((await awsFailure(deleteUser({ UserName: 'David' }, dev))).awsMessage).toBe(
      'Cannot delete entity, must delete policies first.',
    );
    await deleteUserPolicy({ UserName: 'David', PolicyName: 's3' }, dev);

    await deleteUser({ UserName: 'David' }, dev);
    expect((await awsFailure(getUser({ UserName: 'David' }, dev))).code).toBe('NoSuchEntity');
  });

  it('refuses while the user has a console password', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'Theresa' }, dev);
    await createLoginProfile({ UserName: 'Theresa', Password: 'Testers-2026!' }, dev);
    expect((await awsFailure(deleteUser({ UserName: 'Theresa' }, dev))).awsMessage).toBe(
      'Cannot delete entity, must delete login profile first.',
    );
  });

  it('answers NoSuchEntity for a missing user', async () => {
    expect((await awsFailure(deleteUser({ UserName: 'Nobody' }, f.root()))).awsMessage).toBe(
      'The user with name Nobody cannot be found.',
    );
  });
});
