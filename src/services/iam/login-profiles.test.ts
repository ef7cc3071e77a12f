import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../store/password-hash.js';
import { awsFailure, DEVELOPMENT, type IamFixture, openIamFixture } from './iam-test-fixture.js';
import {
  createLoginProfile,
  deleteLoginProfile,
  getLoginProfile,
  updateLoginProfile,
} from './login-profiles.js';
import { createUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html
describe('login profiles', () => {
  it('keeps a scrypt hash of the password, never the password', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    const { LoginProfile } = await createLoginProfile(
      { UserName: 'David', Password: 'Developers-2026!', PasswordResetRequired: true },
      dev,
    );
    expect(LoginProfile).toEqual({
      UserName: 'David',
      CreateDate: expect.any(Date),
      PasswordResetRequired: true,
    });
    const stored = await f.store.getLoginProfile(DEVELOPMENT, 'David');
    expect(stored?.passwordHash).not.toContain('Developers-2026!');
    expect(await verifyPassword('Developers-2026!', stored?.passwordHash ?? '')).toBe(true);
    expect((await getLoginProfile({ UserName: 'David' }, dev)).LoginProfile.PasswordResetRequired).toBe(true);

    await updateLoginProfile(
      { UserName: 'David', Password: 'Changed-2026!', PasswordResetRequired: false },
      dev,
    );
    const updated = await f.store.getLoginProfile(DEVELOPMENT, 'David');
    expect(await verifyPassword('Changed-2026!', updated?.passwordHash ?? '')).toBe(true);
    expect(updated?.passwordResetRequired).toBe(false);
  });

  it('answers AWS errors: a second profile, a missing profile, a missing user', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    await createLoginProfile({ UserName: 'David', Password: 'Developers-2026!' }, dev);
    expect(await awsFailure(createLoginProfile({ UserName: 'David', Password: 'x-Other-1' }, dev))).toEqual({
      code: 'EntityAlreadyExists',
      status: 409,
      awsMessage: 'Login Profile for user David already exists.',
    });
    await deleteLoginProfile({ UserName: 'David' }, dev);
    expect(await awsFailure(getLoginProfile({ UserName: 'David' }, dev))).toEqual({
      code: 'NoSuchEntity',
      status: 404,
      awsMessage: 'Login Profile for User David cannot be found.',
    });
    expect((await awsFailure(deleteLoginProfile({ UserName: 'David' }, dev))).code).toBe('NoSuchEntity');
    expect((await awsFailure(getLoginProfile({ UserName: 'Nobody' }, dev))).awsMessage).toBe(
      'The user with name Nobody cannot be found.',
    );
  });
});
