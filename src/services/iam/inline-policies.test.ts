import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroup } from './groups.js';
import {
  ALLOW_ASSUME_UPDATE_APP,
  awsFailure,
  DENY_ASSUME_UPDATE_APP,
  DEVELOPMENT,
  type IamFixture,
  openIamFixture,
  UPDATE_APP_TRUST,
} from './iam-test-fixture.js';
import {
  deleteGroupPolicy,
  deleteRolePolicy,
  getGroupPolicy,
  getUserPolicy,
  listGroupPolicies,
  putGroupPolicy,
  putRolePolicy,
  putUserPolicy,
} from './inline-policies.js';
import { createRole } from './roles.js';
import { createUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutGroupPolicy.html
describe('inline policies', () => {
  it('stores the Developers and Testers policies and returns them URL-encoded, as written', async () => {
    const dev = f.root(DEVELOPMENT);
    await createGroup({ GroupName: 'Developers' }, dev);
    await putGroupPolicy(
      {
        GroupName: 'Developers',
        PolicyName: 'allow-assume-S3-role-in-production',
        PolicyDocument: ALLOW_ASSUME_UPDATE_APP,
      },
      dev,
    );
    await putGroupPolicy(
      { GroupName: 'Developers', PolicyName: 'b-deny', PolicyDocument: DENY_ASSUME_UPDATE_APP },
      dev,
    );
    const got = await getGroupPolicy(
      { GroupName: 'Developers', PolicyName: 'allow-assume-S3-role-in-production' },
      dev,
    );
    expect(got.GroupName).toBe('Developers');
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetGroupPolicy.html: URL-encoded per RFC 3986.
    expect(got.PolicyDocument).not.toContain('{');
    expect(decodeURIComponent(got.PolicyDocument)).toBe(ALLOW_ASSUME_UPDATE_APP);
    expect((await listGroupPolicies({ GroupName: 'Developers' }, dev)).PolicyNames).toEqual([
      'allow-assume-S3-role-in-production',
      'b-deny',
    ]);
    // Putting again replaces the document.
    await putGroupPolicy(
      { GroupName: 'Developers', PolicyName: 'b-deny', PolicyDocument: ALLOW_ASSUME_UPDATE_APP },
      dev,
    );
    const replaced = await getGroupPolicy({ GroupName: 'Developers', PolicyName: 'b-deny' }, dev);
    expect(decodeURIComponent(replaced.PolicyDocument)).toBe(ALLOW_ASSUME_UPDATE_APP);
    await deleteGroupPolicy({ GroupName: 'Developers', PolicyName: 'b-deny' }, dev);
    expect((await listGroupPolicies({ GroupName: 'Developers' }, dev)).PolicyNames).toHaveLength(1);
  });

  it('answers NoSuchEntity for a missing principal or policy, with AWS messages', async () => {
    const dev = f.root(DEVELOPMENT);
    expect(
      await awsFailure(
        putUserPolicy({ UserName: 'Nobody', PolicyName: 'p', PolicyDocument: ALLOW_ASSUME_UPDATE_APP }, dev),
      ),
    ).toEqual({
      code: 'NoSuchEntity',
      status: 404,
      awsMessage: 'The user with name Nobody cannot be found.',
    });
    await createUser({ UserName: 'David' }, dev);
    expect(
      (await awsFailure(getUserPolicy({ UserName: 'David', PolicyName: 'missing' }, dev))).awsMessage,
    ).toBe('The user policy with name missing cannot be found.');
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, f.root());
    expect(
      (await awsFailure(deleteRolePolicy({ RoleName: 'UpdateApp', PolicyName: 'gone' }, f.root())))
        .awsMessage,
    ).toBe('The role policy with name gone cannot be found.');
  });

  it('rejects documents IAM rejects, with IAM message (MalformedPolicyDocument)', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    const put = (doc: string) =>
      putUserPolicy({ UserName: 'David', PolicyName: 'p', PolicyDocument: doc }, dev);
    expect(await awsFailure(put('{"Version": "2012-10-17", "Statement": ['))).toEqual({
      code: 'MalformedPolicyDocument',
      status: 400,
      awsMessage: 'Syntax errors in policy.',
    });
    // A bucket name where an ARN belongs: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
    const notArn =
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"productionapp"}}';
    expect((await awsFailure(put(notArn))).awsMessage).toBe(
      'Resource productionapp must be in ARN format or "*".',
    );
    // Identity policies name no principal.
    const withPrincipal =
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}';
    expect((await awsFailure(put(withPrincipal))).awsMessage).toBe(
      'Policy document should not specify a principal.',
    );
  });

  it('limits an inline user policy to 2048 characters without white space', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    const actions = Array.from({ length: 150 }, (_, i) => `"s3:GetObjectVersion${i}"`).join(',');
    const big = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[${actions}],"Resource":"*"}}`;
    expect(
      await awsFailure(putUserPolicy({ UserName: 'David', PolicyName: 'big', PolicyDocument: big }, dev)),
    ).toEqual({
      code: 'LimitExceeded',
      status: 409,
      awsMessage: 'Maximum policy size of 2048 bytes exceeded for user David',
    });
    // The same text fits a role's 10,240 characters.
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, dev);
    await putRolePolicy({ RoleName: 'UpdateApp', PolicyName: 'big', PolicyDocument: big }, dev);
  });
});
