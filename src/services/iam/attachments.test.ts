import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  attachGroupPolicy,
  attachRolePolicy,
  attachUserPolicy,
  detachRolePolicy,
  listAttachedRolePolicies,
  listEntitiesForPolicy,
} from './attachments.js';
import { createGroup } from './groups.js';
import {
  awsFailure,
  DEVELOPMENT,
  type IamFixture,
  openIamFixture,
  PRODUCTION,
  READ_WRITE_APP_BUCKET,
  UPDATE_APP_TRUST,
} from './iam-test-fixture.js';
import { createPolicy, getPolicy } from './managed-policies.js';
import { createRole } from './roles.js';
import { createUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

const POLICY_ARN = 'arn:aws:iam::999999999999:policy/read-write-app-bucket';
const POWER_USER = 'arn:aws:iam::aws:policy/PowerUserAccess';

async function installPowerUser(fixture: IamFixture): Promise<void> {
  await fixture.store.transaction((tx) =>
    tx.putAwsManagedPolicy({
      id: 'ANPAJYRXTHIB4FOVS3ZXS',
      name: 'PowerUserAccess',
      path: '/',
      arn: POWER_USER,
      document:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*"],"Resource":"*"}]}',
      defaultVersionId: 'v5',
      createDate: Date.UTC(2015, 1, 6),
      updateDate: Date.UTC(2023, 6, 6),
    }),
  );
}

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html
describe('attach and detach managed policies', () => {
  it('attaches read-write-app-bucket to UpdateApp, counts and lists it', async () => {
    const prod = f.root(PRODUCTION);
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod);
    await createPolicy({ PolicyName: 'read-write-app-bucket', PolicyDocument: READ_WRITE_APP_BUCKET }, prod);
    await attachRolePolicy({ RoleName: 'UpdateApp', PolicyArn: POLICY_ARN }, prod);
    await attachRolePolicy({ RoleName: 'UpdateApp', PolicyArn: POLICY_ARN }, prod); // again: no change
    expect((await listAttachedRolePolicies({ RoleName: 'UpdateApp' }, prod)).AttachedPolicies).toEqual([
      { PolicyName: 'read-write-app-bucket', PolicyArn: POLICY_ARN },
    ]);
    expect((await getPolicy({ PolicyArn: POLICY_ARN }, prod)).Policy?.AttachmentCount).toBe(1);
    const entities = await listEntitiesForPolicy({ PolicyArn: POLICY_ARN }, prod);
    expect(entities.PolicyRoles).toEqual([{ RoleName: 'UpdateApp', RoleId: expect.stringMatching(/^AROA/) }]);
    expect(entities.PolicyUsers).toEqual([]);
    await detachRolePolicy({ RoleName: 'UpdateApp', PolicyArn: POLICY_ARN }, prod);
    expect(
      await awsFailure(detachRolePolicy({ RoleName: 'UpdateApp', PolicyArn: POLICY_ARN }, prod)),
    ).toEqual({
      code: 'NoSuchEntity',
      status: 404,
      awsMessage: `Policy ${POLICY_ARN} was not found.`,
    });
  });

  it('attaches AWS managed policies once installed; before, NoSuchEntity "does not exist or is not attachable"', async () => {
    const dev = f.root(DEVELOPMENT);
    await createGroup({ GroupName: 'Testers' }, dev);
    expect(await awsFailure(attachGroupPolicy({ GroupName: 'Testers', PolicyArn: POWER_USER }, dev))).toEqual(
      {
        code: 'NoSuchEntity',
        status: 404,
        awsMessage: `Policy ${POWER_USER} does not exist or is not attachable.`,
      },
    );
    await installPowerUser(f);
    await attachGroupPolicy({ GroupName: 'Testers', PolicyArn: POWER_USER }, dev);
    const entities = await listEntitiesForPolicy({ PolicyArn: POWER_USER, EntityFilter: 'Group' }, dev);
    expect(entities.PolicyGroups?.map((g) => g.GroupName)).toEqual(['Testers']);
    // Attachments are counted per account: Production sees none.
    expect((await getPolicy({ PolicyArn: POWER_USER }, f.root(PRODUCTION))).Policy?.AttachmentCount).toBe(0);
  });

  it("refuses another account's customer managed policy and a missing principal", async () => {
    const prod = f.root(PRODUCTION);
    await createPolicy({ PolicyName: 'read-write-app-bucket', PolicyDocument: READ_WRITE_APP_BUCKET }, prod);
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    expect(
      (await awsFailure(attachUserPolicy({ UserName: 'David', PolicyArn: POLICY_ARN }, dev))).awsMessage,
    ).toBe(`Policy ${POLICY_ARN} does not exist or is not attachable.`);
    expect(
      (await awsFailure(attachRolePolicy({ RoleName: 'Missing', PolicyArn: POLICY_ARN }, prod))).awsMessage,
    ).toBe('The role with name Missing cannot be found.');
    expect(
      (await awsFailure(attachUserPolicy({ UserName: 'David', PolicyArn: 'not-an-arn' }, dev))).code,
    ).toBe('InvalidInput');
  });

  it('limits a role to 10 managed policies', async () => {
    const prod = f.root(PRODUCTION);
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod);
    for (let i = 0; i < 11; i++) {
      await createPolicy({ PolicyName: `p${i}`, PolicyDocument: READ_WRITE_APP_BUCKET }, prod);
    }
    for (let i = 0; i < 10; i++) {
      await attachRolePolicy(
        { RoleName: 'UpdateApp', PolicyArn: `arn:aws:iam::999999999999:policy/p${i}` },
        prod,
      );
    }
    expect(
      await awsFailure(
        attachRolePolicy({ RoleName: 'UpdateApp', PolicyArn: 'arn:aws:iam::999999999999:policy/p10' }, prod),
      ),
    ).toEqual({
      code: 'LimitExceeded',
      status: 409,
      awsMessage: 'Cannot exceed quota for PoliciesPerRole: 10',
    });
    const page = await listAttachedRolePolicies({ RoleName: 'UpdateApp', MaxItems: 4 }, prod);
    expect(page.AttachedPolicies).toHaveLength(4);
    expect(page.IsTruncated).toBe(true);
  });
});
