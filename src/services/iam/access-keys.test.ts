import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountFromAccessKeyId } from '../../arn/index.js';
import {
  createAccessKey,
  deleteAccessKey,
  getAccessKeyLastUsed,
  listAccessKeys,
  updateAccessKey,
} from './access-keys.js';
import { awsFailure, DEVELOPMENT, type IamFixture, openIamFixture } from './iam-test-fixture.js';
import { createUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
describe('access keys', () => {
  it('gives David and Theresa AKIA keys of their account, listed without secrets', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    await createUser({ UserName: 'Theresa' }, dev);
    const { AccessKey } = await createAccessKey({ UserName: 'David' }, dev);
    await createAccessKey({ UserName: 'Theresa' }, dev);
    expect(AccessKey.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(accountFromAccessKeyId(AccessKey.AccessKeyId)).toBe(DEVELOPMENT);
    expect(AccessKey.SecretAccessKey).toHaveLength(40);
    expect(AccessKey).toMatchObject({ UserName: 'David', Status: 'Active' });
    const stored = await f.store.getAccessKey(AccessKey.AccessKeyId);
    expect(stored?.secretAccessKey).toBe(AccessKey.SecretAccessKey);
    const listed = await listAccessKeys({ UserName: 'David' }, dev);
    expect(listed.AccessKeyMetadata).toEqual([
      {
        UserName: 'David',
        AccessKeyId: AccessKey.AccessKeyId,
        Status: 'Active',
        CreateDate: expect.any(Date),
      },
    ]);
  });

  it('allows two keys per user: the third is LimitExceeded', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    await createAccessKey({ UserName: 'David' }, dev);
    await createAccessKey({ UserName: 'David' }, dev);
    expect(await awsFailure(createAccessKey({ UserName: 'David' }, dev))).toEqual({
      code: 'LimitExceeded',
      status: 409,
      awsMessage: 'Cannot exceed quota for AccessKeysPerUser: 2',
    });
  });

  it('without UserName acts on the signing user, and gives the root user root keys', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    const own = await createAccessKey({}, f.user('David', DEVELOPMENT));
    expect(own.AccessKey.UserName).toBe('David');
    const root = await createAccessKey({}, dev);
    expect(root.AccessKey.UserName).toBeUndefined();
    expect((await f.store.getAccessKey(root.AccessKey.AccessKeyId))?.userName).toBeUndefined();
    expect((await listAccessKeys({}, dev)).AccessKeyMetadata.map((k) => k.AccessKeyId)).toEqual([
      root.AccessKey.AccessKeyId,
    ]);
    expect((await awsFailure(createAccessKey({}, f.roleSession('UpdateApp', DEVELOPMENT)))).code).toBe(
      'ValidationError',
    );
  });

  it('deactivates and deletes a key; a key of someone else cannot be found', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    await createUser({ UserName: 'Theresa' }, dev);
    const { AccessKey } = await createAccessKey({ UserName: 'David' }, dev);
    const id = AccessKey.AccessKeyId;
    await updateAccessKey({ UserName: 'David', AccessKeyId: id, Status: 'Inactive' }, dev);
    expect((await f.store.getAccessKey(id))?.status).toBe('Inactive');
    expect(await awsFailure(deleteAccessKey({ UserName: 'Theresa', AccessKeyId: id }, dev))).toEqual({
      code: 'NoSuchEntity',
      status: 404,
      awsMessage: `The Access Key with id ${id} cannot be found.`,
    });
    await deleteAccessKey({ AccessKeyId: id }, f.user('David', DEVELOPMENT));
    expect(await f.store.getAccessKey(id)).toBeUndefined();
  });

  it('reports a key never used as N/A (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AccessKeyLastUsed.html)', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    const { AccessKey } = await createAccessKey({ UserName: 'David' }, dev);
    expect(await getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId }, dev)).toEqual({
      UserName: 'David',
      AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
    });
    // Another account cannot look at it.
    expect(
      (await awsFailure(getAccessKeyLastUsed({ AccessKeyId: AccessKey.AccessKeyId }, f.root()))).code,
    ).toBe('NoSuchEntity');
  });
});
