import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  ALLOW_ASSUME_UPDATE_APP,
  awsFailure,
  DENY_ASSUME_UPDATE_APP,
  DEVELOPMENT,
  type IamFixture,
  openIamFixture,
} from './iam-test-fixture.js';
import { deleteGroupPolicy, putGroupPolicy } from './inline-policies.js';
import { createUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

// The delegate-access tutorial: Developers and Testers groups in Development, David and Theresa.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html
describe('groups and membership (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateGroup.html)', () => {
  it('builds the tutorial groups and lists members and memberships', async () => {
    const dev = f.root(DEVELOPMENT);
    const { Group } = await createGroup({ GroupName: 'Developers' }, dev);
    expect(Group.GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
    expect(Group.Arn).toBe('arn:aws:iam::111111111111:group/Developers');
    await createGroup({ GroupName: 'Testers', Path: '/qa/' }, dev);
    await createUser({ UserName: 'David' }, dev);
    await createUser({ UserName: 'Theresa' }, dev);
    await addUserToGroup({ GroupName: 'Developers', UserName: 'David' }, dev);
    await addUserToGroup({ GroupName: 'Developers', UserName: 'David' }, dev); // again: no change
    await addUserToGroup({ GroupName: 'Testers', UserName: 'Theresa' }, dev);

    const developers = await getGroup({ GroupName: 'Developers' }, dev);
    expect(developers.Users.map((u) => u.UserName)).toEqual(['David']);
    expect(developers.IsTruncated).toBe(false);
    expect((await listGroupsForUser({ UserName: 'Theresa' }, dev)).Groups.map((g) => g.Arn)).toEqual([
      'arn:aws:iam::111111111111:group/qa/Testers',
    ]);
    expect((await listGroups({}, dev)).Groups.map((g) => g.GroupName)).toEqual(['Developers', 'Testers']);
    expect((await listGroups({ PathPrefix: '/qa' }, dev)).Groups.map((g) => g.GroupName)).toEqual([
      'Testers',
    ]);

    await removeUserFromGroup({ GroupName: 'Developers', UserName: 'David' }, dev);
    expect((await getGroup({ GroupName: 'Developers' }, dev)).Users).toEqual([]);
  });

  it('answers AWS errors for duplicates and missing groups or users', async () => {
    const dev = f.root(DEVELOPMENT);
    await createGroup({ GroupName: 'Developers' }, dev);
    expect(await awsFailure(createGroup({ GroupName: 'developers' }, dev))).toEqual({
      code: 'EntityAlreadyExists',
      status: 409,
      awsMessage: 'Group with name developers already exists.',
    });
    expect((await awsFailure(getGroup({ GroupName: 'Admins' }, dev))).awsMessage).toBe(
      'The group with name Admins cannot be found.',
    );
    expect(
      (await awsFailure(addUserToGroup({ GroupName: 'Developers', UserName: 'Nobody' }, dev))).awsMessage,
    ).toBe('The user with name Nobody cannot be found.');
    expect((await awsFailure(listGroupsForUser({ UserName: 'Nobody' }, dev))).code).toBe('NoSuchEntity');
  });

  it('limits a user to 10 groups (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    for (let i = 0; i < 11; i++) await createGroup({ GroupName: `g${i}` }, dev);
    for (let i = 0; i < 10; i++) await addUserToGroup({ GroupName: `g${i}`, UserName: 'David' }, dev);
    expect(await awsFailure(addUserToGroup({ GroupName: 'g10', UserName: 'David' }, dev))).toEqual({
      code: 'LimitExceeded',
      status: 409,
      awsMessage: 'Cannot exceed quota for GroupsPerUser: 10',
    });
  });

  it('renames a group', async () => {
    const dev = f.root(DEVELOPMENT);
    await createGroup({ GroupName: 'Testers' }, dev);
    await updateGroup({ GroupName: 'Testers', NewGroupName: 'QA', NewPath: '/qa/' }, dev);
    expect((await getGroup({ GroupName: 'QA' }, dev)).Group.Arn).toBe(
      'arn:aws:iam::111111111111:group/qa/QA',
    );
  });
});

describe('DeleteGroup (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteGroup.html)', () => {
  it('refuses while the group has members or policies', async () => {
    const dev = f.root(DEVELOPMENT);
    await createGroup({ GroupName: 'Developers' }, dev);
    await createUser({ UserName: 'David' }, dev);
    await addUserToGroup({ GroupName: 'Developers', UserName: 'David' }, dev);
    await putGroupPolicy(
      {
        GroupName: 'Developers',
        PolicyName: 'allow-assume-S3-role-in-production',
        PolicyDocument: ALLOW_ASSUME_UPDATE_APP,
      },
      dev,
    );
    expect(await awsFailure(deleteGroup({ GroupName: 'Developers' }, dev))).toEqual({
      code: 'DeleteConflict',
      status: 409,
      awsMessage: 'Cannot delete entity, must remove users from group first.',
    });
    await removeUserFromGroup({ GroupName: 'Developers', UserName: 'David' }, dev);
    expect((await awsFailure(deleteGroup({ GroupName: 'Developers' }, dev))).awsMessage).toBe(
      'Cannot delete entity, must delete policies first.',
    );
    await deleteGroupPolicy(
      { GroupName: 'Developers', PolicyName: 'allow-assume-S3-role-in-production' },
      dev,
    );
    await deleteGroup({ GroupName: 'Developers' }, dev);
    expect((await awsFailure(getGroup({ GroupName: 'Developers' }, dev))).code).toBe('NoSuchEntity');
    // The deny policy of the Testers group is valid too.
    await createGroup({ GroupName: 'Testers' }, dev);
    await putGroupPolicy(
      { GroupName: 'Testers', PolicyName: 'deny', PolicyDocument: DENY_ASSUME_UPDATE_APP },
      dev,
    );
  });
});
