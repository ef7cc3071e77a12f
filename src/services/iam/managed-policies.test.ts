import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachRolePolicy, detachRolePolicy } from './attachments.js';
import {
  awsFailure,
  DEVELOPMENT,
  type IamFixture,
  openIamFixture,
  PRODUCTION,
  READ_WRITE_APP_BUCKET,
  UPDATE_APP_TRUST,
} from './iam-test-fixture.js';
import {
  createPolicy,
  createPolicyVersion,
  deletePolicy,
  deletePolicyVersion,
  getPolicy,
  getPolicyVersion,
  listPolicies,
  listPolicyVersions,
  setDefaultPolicyVersion,
} from './managed-policies.js';
import { createRole } from './roles.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

const ARN = 'arn:aws:iam::999999999999:policy/read-write-app-bucket';
const v = (action: string) =>
  `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"${action}","Resource":"arn:aws:s3:::productionapp/*"}}`;

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html
describe('CreatePolicy / GetPolicy / ListPolicies', () => {
  it('creates read-write-app-bucket with v1 as its default version', async () => {
    const prod = f.root(PRODUCTION);
    const { Policy } = await createPolicy(
      {
        PolicyName: 'read-write-app-bucket',
        PolicyDocument: READ_WRITE_APP_BUCKET,
        Description: 'app bucket',
      },
      prod,
    );
    expect(Policy?.Arn).toBe(ARN);
    expect(Policy?.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(Policy?.DefaultVersionId).toBe('v1');
    expect(Policy?.AttachmentCount).toBe(0);
    expect(Policy?.IsAttachable).toBe(true);
    expect(Policy?.Description).toBeUndefined();
    const got = (await getPolicy({ PolicyArn: ARN }, prod)).Policy;
    expect(got?.Description).toBe('app bucket');
    const version = (await getPolicyVersion({ PolicyArn: ARN, VersionId: 'v1' }, prod)).PolicyVersion;
    expect(version?.IsDefaultVersion).toBe(true);
    expect(decodeURIComponent(version?.Document ?? '')).toBe(READ_WRITE_APP_BUCKET);
    const listed = await listPolicies({ Scope: 'Local' }, prod);
    expect(listed.Policies?.map((p) => p.PolicyName)).toEqual(['read-write-app-bucket']);
    expect(listed.Policies?.[0]?.Description).toBeUndefined();
  });

  it('refuses a duplicate name, also under another path', async () => {
    const prod = f.root(PRODUCTION);
    await createPolicy({ PolicyName: 'read-write-app-bucket', PolicyDocument: READ_WRITE_APP_BUCKET }, prod);
    const again = { PolicyName: 'read-write-app-bucket', PolicyDocument: READ_WRITE_APP_BUCKET };
    const expected = {
      code: 'EntityAlreadyExists',
      status: 409,
      awsMessage: 'A policy called read-write-app-bucket already exists. Duplicate names are not allowed.',
    };
    expect(await awsFailure(createPolicy(again, prod))).toEqual(expected);
    expect(await awsFailure(createPolicy({ ...again, Path: '/other/' }, prod))).toEqual(expected);
  });

  it('answers NoSuchEntity for a missing policy and InvalidInput for a non-policy ARN', async () => {
    const prod = f.root(PRODUCTION);
    expect(await awsFailure(getPolicy({ PolicyArn: ARN }, prod))).toEqual({
      code: 'NoSuchEntity',
      status: 404,
      awsMessage: `Policy ${ARN} was not found.`,
    });
    expect(
      (await awsFailure(getPolicy({ PolicyArn: 'arn:aws:iam::999999999999:role/UpdateApp' }, prod))).code,
    ).toBe('InvalidInput');
    // Another account's customer managed policy is not visible.
    await createPolicy({ PolicyName: 'read-write-app-bucket', PolicyDocument: READ_WRITE_APP_BUCKET }, prod);
    expect((await awsFailure(getPolicy({ PolicyArn: ARN }, f.root(DEVELOPMENT)))).code).toBe('NoSuchEntity');
  });

  it('validates the document as an identity policy', async () => {
    const bad =
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3GetObject","Resource":"*"}}';
    expect(await awsFailure(createPolicy({ PolicyName: 'p', PolicyDocument: bad }, f.root()))).toEqual({
      code: 'MalformedPolicyDocument',
      status: 400,
      awsMessage: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    });
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
describe('policy versions', () => {
  it('keeps at most five versions: the sixth is LimitExceeded', async () => {
    const prod = f.root(PRODUCTION);
    await createPolicy({ PolicyName: 'read-write-app-bucket', PolicyDocument: v('s3:GetObject') }, prod);
    for (let i = 2; i <= 5; i++) {
      const { PolicyVersion } = await createPolicyVersion(
        { PolicyArn: ARN, PolicyDocument: v(`s3:PutObject${i}`) },
        prod,
      );
      expect(PolicyVersion?.VersionId).toBe(`v${i}`);
      expect(PolicyVersion?.IsDefaultVersion).toBe(false);
      expect(PolicyVersion?.Document).toBeUndefined();
    }
    expect(
      await awsFailure(createPolicyVersion({ PolicyArn: ARN, PolicyDocument: v('s3:DeleteObject') }, prod)),
    ).toEqual({
      code: 'LimitExceeded',
      status: 409,
      awsMessage:
        'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    });
    // Version ids keep counting after a delete.
    await deletePolicyVersion({ PolicyArn: ARN, VersionId: 'v2' }, prod);
    const { PolicyVersion } = await createPolicyVersion(
      { PolicyArn: ARN, PolicyDocument: v('s3:DeleteObject'), SetAsDefault: true },
      prod,
    );
    expect(PolicyVersion).toMatchObject({ VersionId: 'v6', IsDefaultVersion: true });
    expect((await getPolicy({ PolicyArn: ARN }, prod)).Policy?.DefaultVersionId).toBe('v6');
    const versions = (await listPolicyVersions({ PolicyArn: ARN }, prod)).Versions ?? [];
    expect(versions.map((x) => x.VersionId)).toEqual(['v6', 'v5', 'v4', 'v3', 'v1']);
  });

  it('sets the default version and refuses to delete it', async () => {
    const prod = f.root(PRODUCTION);
    await createPolicy({ PolicyName: 'read-write-app-bucket', PolicyDocument: v('s3:GetObject') }, prod);
    await createPolicyVersion({ PolicyArn: ARN, PolicyDocument: v('s3:PutObject') }, prod);
    await setDefaultPolicyVersion({ PolicyArn: ARN, VersionId: 'v2' }, prod);
    expect((await getPolicy({ PolicyArn: ARN }, prod)).Policy?.DefaultVersionId).toBe('v2');
    expect(await awsFailure(deletePolicyVersion({ PolicyArn: ARN, VersionId: 'v2' }, prod))).toEqual({
      code: 'DeleteConflict',
      status: 409,
      awsMessage: 'Cannot delete the default version of a policy.',
    });
    expect(
      (await awsFailure(setDefaultPolicyVersion({ PolicyArn: ARN, VersionId: 'v9' }, prod))).awsMessage,
    ).toBe(`Policy ${ARN} version v9 does not exist or is not attachable.`);
    expect((await awsFailure(getPolicyVersion({ PolicyArn: ARN, VersionId: 'v9' }, prod))).code).toBe(
      'NoSuchEntity',
    );
  });
});

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html
describe('DeletePolicy', () => {
  it('refuses while attached or while other versions remain', async () => {
    const prod = f.root(PRODUCTION);
    await createPolicy({ PolicyName: 'read-write-app-bucket', PolicyDocument: v('s3:GetObject') }, prod);
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod);
    await attachRolePolicy({ RoleName: 'UpdateApp', PolicyArn: ARN }, prod);
    expect(await awsFailure(deletePolicy({ PolicyArn: ARN }, prod))).toEqual({
      code: 'DeleteConflict',
      status: 409,
      awsMessage: 'Cannot delete a policy attached to entities.',
    });
    await detachRolePolicy({ RoleName: 'UpdateApp', PolicyArn: ARN }, prod);
    await createPolicyVersion({ PolicyArn: ARN, PolicyDocument: v('s3:PutObject') }, prod);
    expect((await awsFailure(deletePolicy({ PolicyArn: ARN }, prod))).awsMessage).toBe(
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
    await deletePolicyVersion({ PolicyArn: ARN, VersionId: 'v2' }, prod);
    await deletePolicy({ PolicyArn: ARN }, prod);
    expect((await awsFailure(getPolicy({ PolicyArn: ARN }, prod))).code).toBe('NoSuchEntity');
  });
});
