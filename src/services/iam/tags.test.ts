import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  awsFailure,
  type IamFixture,
  openIamFixture,
  PRODUCTION,
  READ_WRITE_APP_BUCKET,
  UPDATE_APP_TRUST,
} from './iam-test-fixture.js';
import { createPolicy } from './managed-policies.js';
import {
  deleteRolePermissionsBoundary,
  putRolePermissionsBoundary,
  putUserPermissionsBoundary,
} from './permissions-boundaries.js';
import { createRole, getRole } from './roles.js';
import {
  listPolicyTags,
  listRoleTags,
  listUserTags,
  tagPolicy,
  tagRole,
  tagUser,
  untagRole,
  untagUser,
} from './tags.js';
import { createUser, getUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html
describe('tags', () => {
  it('adds, overwrites (keys are case-insensitive) and removes tags on users and roles', async () => {
    const prod = f.root(PRODUCTION);
    await createUser({ UserName: 'Admin' }, prod);
    await tagUser(
      {
        UserName: 'Admin',
        Tags: [
          { Key: 'team', Value: 'ops' },
          { Key: 'cost', Value: '1' },
        ],
      },
      prod,
    );
    await tagUser({ UserName: 'Admin', Tags: [{ Key: 'Team', Value: 'platform' }] }, prod);
    expect((await listUserTags({ UserName: 'Admin' }, prod)).Tags).toEqual([
      { Key: 'Team', Value: 'platform' },
      { Key: 'cost', Value: '1' },
    ]);
    await untagUser({ UserName: 'Admin', TagKeys: ['TEAM'] }, prod);
    expect((await getUser({ UserName: 'Admin' }, prod)).User.Tags).toEqual([{ Key: 'cost', Value: '1' }]);

    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod);
    await tagRole({ RoleName: 'UpdateApp', Tags: [{ Key: 'app', Value: 'productionapp' }] }, prod);
    expect((await listRoleTags({ RoleName: 'UpdateApp' }, prod)).Tags).toEqual([
      { Key: 'app', Value: 'productionapp' },
    ]);
    await untagRole({ RoleName: 'UpdateApp', TagKeys: ['app'] }, prod);
    expect((await listRoleTags({ RoleName: 'UpdateApp' }, prod)).Tags).toEqual([]);
    expect((await awsFailure(tagRole({ RoleName: 'Missing', Tags: [] }, prod))).code).toBe('NoSuchEntity');
  });

  it('allows 50 tags per entity', async () => {
    const prod = f.root(PRODUCTION);
    await createUser({ UserName: 'Admin' }, prod);
    const tags = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ Key: `k${from + i}`, Value: 'v' }));
    await tagUser({ UserName: 'Admin', Tags: tags(0, 50) }, prod);
    expect((await awsFailure(tagUser({ UserName: 'Admin', Tags: tags(50, 1) }, prod))).code).toBe(
      'LimitExceeded',
    );
  });

  it('tags customer managed policies', async () => {
    const prod = f.root(PRODUCTION);
    const { Policy } = await createPolicy(
      { PolicyName: 'read-write-app-bucket', PolicyDocument: READ_WRITE_APP_BUCKET },
      prod,
    );
    await tagPolicy({ PolicyArn: Policy?.Arn ?? '', Tags: [{ Key: 'app', Value: 'productionapp' }] }, prod);
    expect((await listPolicyTags({ PolicyArn: Policy?.Arn ?? '' }, prod)).Tags).toEqual([
      { Key: 'app', Value: 'productionapp' },
    ]);
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
describe('permissions boundaries', () => {
  it('sets and removes the boundary of a role and a user', async () => {
    const prod = f.root(PRODUCTION);
    const { Policy } = await createPolicy(
      { PolicyName: 'boundary', PolicyDocument: READ_WRITE_APP_BUCKET },
      prod,
    );
    const arn = Policy?.Arn ?? '';
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod);
    await putRolePermissionsBoundary({ RoleName: 'UpdateApp', PermissionsBoundary: arn }, prod);
    expect(
      (await getRole({ RoleName: 'UpdateApp' }, prod)).Role.PermissionsBoundary?.PermissionsBoundaryArn,
    ).toBe(arn);
    await deleteRolePermissionsBoundary({ RoleName: 'UpdateApp' }, prod);
    expect((await getRole({ RoleName: 'UpdateApp' }, prod)).Role.PermissionsBoundary).toBeUndefined();

    await createUser({ UserName: 'Admin' }, prod);
    expect(
      (
        await awsFailure(
          putUserPermissionsBoundary({ UserName: 'Admin', PermissionsBoundary: `${arn}-missing` }, prod),
        )
      ).awsMessage,
    ).toBe(`Scope ARN: ${arn}-missing does not exist or is not attachable.`);
    await putUserPermissionsBoundary({ UserName: 'Admin', PermissionsBoundary: arn }, prod);
    expect(
      (await getUser({ UserName: 'Admin' }, prod)).User.PermissionsBoundary?.PermissionsBoundaryArn,
    ).toBe(arn);
  });
});
