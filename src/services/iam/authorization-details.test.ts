import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachRolePolicy } from './attachments.js';
import { getAccountAuthorizationDetails } from './authorization-details.js';
import { addUserToGroup, createGroup } from './groups.js';
import {
  ALLOW_ASSUME_UPDATE_APP,
  DEVELOPMENT,
  type IamFixture,
  openIamFixture,
  PRODUCTION,
  READ_WRITE_APP_BUCKET,
  UPDATE_APP_TRUST,
} from './iam-test-fixture.js';
import { putGroupPolicy } from './inline-policies.js';
import { createPolicy } from './managed-policies.js';
import { createRole } from './roles.js';
import { createUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
describe('GetAccountAuthorizationDetails', () => {
  it("returns the tutorial's Production role with its trust and attached policy, documents URL-encoded", async () => {
    const prod = f.root(PRODUCTION);
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod);
    const { Policy } = await createPolicy(
      { PolicyName: 'read-write-app-bucket', PolicyDocument: READ_WRITE_APP_BUCKET },
      prod,
    );
    await attachRolePolicy({ RoleName: 'UpdateApp', PolicyArn: Policy?.Arn ?? '' }, prod);
    const details = await getAccountAuthorizationDetails({}, prod);
    const role = details.RoleDetailList?.[0];
    expect(role?.RoleName).toBe('UpdateApp');
    expect(decodeURIComponent(role?.AssumeRolePolicyDocument ?? '')).toBe(UPDATE_APP_TRUST);
    expect(role?.AttachedManagedPolicies).toEqual([
      { PolicyName: 'read-write-app-bucket', PolicyArn: Policy?.Arn },
    ]);
    expect(role?.InstanceProfileList).toEqual([]);
    const policy = details.Policies?.[0];
    expect(policy?.AttachmentCount).toBe(1);
    expect(policy?.PolicyVersionList?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([['v1', true]]);
    expect(decodeURIComponent(policy?.PolicyVersionList?.[0]?.Document ?? '')).toBe(READ_WRITE_APP_BUCKET);
    expect(details.IsTruncated).toBe(false);
  });

  it("returns Development's users with their groups and the groups' inline policies, filtered and paged", async () => {
    const dev = f.root(DEVELOPMENT);
    await createGroup({ GroupName: 'Developers' }, dev);
    await putGroupPolicy(
      { GroupName: 'Developers', PolicyName: 'allow', PolicyDocument: ALLOW_ASSUME_UPDATE_APP },
      dev,
    );
    await createUser({ UserName: 'David' }, dev);
    await createUser({ UserName: 'Theresa' }, dev);
    await addUserToGroup({ GroupName: 'Developers', UserName: 'David' }, dev);

    const all = await getAccountAuthorizationDetails({}, dev);
    expect(all.UserDetailList?.map((u) => [u.UserName, u.GroupList])).toEqual([
      ['David', ['Developers']],
      ['Theresa', []],
    ]);
    const group = all.GroupDetailList?.[0];
    expect(
      group?.GroupPolicyList?.map((p) => [p.PolicyName, decodeURIComponent(p.PolicyDocument ?? '')]),
    ).toEqual([['allow', ALLOW_ASSUME_UPDATE_APP]]);

    const groupsOnly = await getAccountAuthorizationDetails({ Filter: ['Group'] }, dev);
    expect(groupsOnly.UserDetailList).toEqual([]);
    expect(groupsOnly.GroupDetailList).toHaveLength(1);

    const first = await getAccountAuthorizationDetails({ MaxItems: 1 }, dev);
    expect(first.IsTruncated).toBe(true);
    expect(first.UserDetailList?.map((u) => u.UserName)).toEqual(['David']);
    const rest = await getAccountAuthorizationDetails({ ...(first.Marker && { Marker: first.Marker }) }, dev);
    expect(rest.UserDetailList?.map((u) => u.UserName)).toEqual(['Theresa']);
    expect(rest.GroupDetailList).toHaveLength(1);
  });
});
