import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachRolePolicy } from './attachments.js';
import {
  awsFailure,
  DEVELOPMENT,
  type IamFixture,
  openIamFixture,
  PRODUCTION,
  READ_WRITE_APP_BUCKET,
  UPDATE_APP_TRUST,
} from './iam-test-fixture.js';
import { putRolePolicy } from './inline-policies.js';
import { createPolicy } from './managed-policies.js';
import { createRole, deleteRole, getRole, listRoles, updateAssumeRolePolicy, updateRole } from './roles.js';
import { createUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

const trustOf = (principal: string) =>
  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"${principal}"},"Action":"sts:AssumeRole"}]}`;

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
describe('CreateRole / GetRole', () => {
  it("creates UpdateApp in Production trusting Development's root, as the tutorial does", async () => {
    const prod = f.root(PRODUCTION);
    const { Role } = await createRole(
      { RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST, Description: 'Update the app' },
      prod,
    );
    expect(Role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(Role.Arn).toBe('arn:aws:iam::999999999999:role/UpdateApp');
    expect(decodeURIComponent(Role.AssumeRolePolicyDocument ?? '')).toBe(UPDATE_APP_TRUST);
    const got = (await getRole({ RoleName: 'UpdateApp' }, prod)).Role;
    expect(got.MaxSessionDuration).toBe(3600);
    expect(got?.Description).toBe('Update the app');
    expect(got.RoleLastUsed).toEqual({});
    // RFC 3986 encoding: the document comes back percent-encoded (aws-sdk-java issue 730 shows AWS's form).
    expect(got.AssumeRolePolicyDocument).toMatch(/^%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22%2C%0A/);
  });

  it('keeps path, max session duration, tags and boundary', async () => {
    const prod = f.root(PRODUCTION);
    const boundary = await createPolicy(
      { PolicyName: 'boundary', PolicyDocument: READ_WRITE_APP_BUCKET },
      prod,
    );
    await createRole(
      {
        RoleName: 'Deployer',
        Path: '/app/',
        AssumeRolePolicyDocument: UPDATE_APP_TRUST,
        MaxSessionDuration: 43200,
        Tags: [{ Key: 'app', Value: 'productionapp' }],
        PermissionsBoundary: boundary.Policy?.Arn ?? '',
      },
      prod,
    );
    const role = (await getRole({ RoleName: 'Deployer' }, prod)).Role;
    expect(role.Arn).toBe('arn:aws:iam::999999999999:role/app/Deployer');
    expect(role.MaxSessionDuration).toBe(43200);
    expect(role.Tags).toEqual([{ Key: 'app', Value: 'productionapp' }]);
    expect(role.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: 'arn:aws:iam::999999999999:policy/boundary',
    });
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html: no tags, boundary or last use.
    const listed = (await listRoles({}, prod)).Roles[0];
    expect(listed?.Tags).toBeUndefined();
    expect(listed?.PermissionsBoundary).toBeUndefined();
    expect(listed?.RoleLastUsed).toBeUndefined();
    expect(listed?.MaxSessionDuration).toBe(43200);
  });

  it('refuses a boundary that does not exist or is not a policy ARN', async () => {
    const prod = f.root(PRODUCTION);
    const create = (boundary: string) =>
      createRole(
        { RoleName: 'R', AssumeRolePolicyDocument: UPDATE_APP_TRUST, PermissionsBoundary: boundary },
        prod,
      );
    expect(await awsFailure(create('arn:aws:iam::999999999999:policy/missing'))).toEqual({
      code: 'NoSuchEntity',
      status: 404,
      awsMessage: 'Scope ARN: arn:aws:iam::999999999999:policy/missing does not exist or is not attachable.',
    });
    expect((await awsFailure(create('arn:aws:iam::999999999999:role/UpdateApp'))).code).toBe('InvalidInput');
  });

  it('refuses a duplicate role name', async () => {
    const prod = f.root(PRODUCTION);
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod);
    expect(
      await awsFailure(
        createRole({ RoleName: 'updateapp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod),
      ),
    ).toEqual({
      code: 'EntityAlreadyExists',
      status: 409,
      awsMessage: 'Role with name updateapp already exists.',
    });
    expect((await awsFailure(getRole({ RoleName: 'Other' }, prod))).awsMessage).toBe(
      'The role with name Other cannot be found.',
    );
  });
});

// "IAM will not let you create the role with an invalid account id"; a missing user or role is refused too:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles
describe('trust policy principals must exist', () => {
  it('refuses an account that is not a trustlab account, as an id or as a root ARN', async () => {
    const prod = f.root(PRODUCTION);
    for (const principal of ['123456789012', 'arn:aws:iam::123456789012:root']) {
      expect(
        await awsFailure(createRole({ RoleName: 'R', AssumeRolePolicyDocument: trustOf(principal) }, prod)),
      ).toEqual({
        code: 'MalformedPolicyDocument',
        status: 400,
        awsMessage: `Invalid principal in policy: "AWS":"${principal}"`,
      });
    }
    await createRole({ RoleName: 'R', AssumeRolePolicyDocument: trustOf('111111111111') }, prod);
  });

  it('refuses a user or role that does not exist, and accepts one that does (path included)', async () => {
    const prod = f.root(PRODUCTION);
    const nobody = 'arn:aws:iam::111111111111:user/Nobody';
    expect(
      (await awsFailure(createRole({ RoleName: 'R', AssumeRolePolicyDocument: trustOf(nobody) }, prod)))
        .awsMessage,
    ).toBe('Invalid principal in policy: "AWS":"arn:aws:iam::111111111111:user/Nobody"');
    await createUser({ UserName: 'David', Path: '/dev/' }, f.root(DEVELOPMENT));
    const wrongPath = 'arn:aws:iam::111111111111:user/David';
    expect(
      (await awsFailure(createRole({ RoleName: 'R', AssumeRolePolicyDocument: trustOf(wrongPath) }, prod)))
        .code,
    ).toBe('MalformedPolicyDocument');
    await createRole(
      { RoleName: 'R', AssumeRolePolicyDocument: trustOf('arn:aws:iam::111111111111:user/dev/David') },
      prod,
    );
    const missingRole = 'arn:aws:iam::999999999999:role/Missing';
    expect(
      (await awsFailure(createRole({ RoleName: 'S', AssumeRolePolicyDocument: trustOf(missingRole) }, prod)))
        .code,
    ).toBe('MalformedPolicyDocument');
    await createRole(
      { RoleName: 'S', AssumeRolePolicyDocument: trustOf('arn:aws:iam::999999999999:role/R') },
      prod,
    );
  });

  it('needs no check for *, services and federated principals', async () => {
    const doc = `{"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
      {"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"},
      {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`;
    await createRole({ RoleName: 'Open', AssumeRolePolicyDocument: doc }, f.root());
  });

  it('refuses a Resource element and actions that are not STS role actions', async () => {
    const prod = f.root(PRODUCTION);
    const withResource =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole","Resource":"*"}]}';
    expect(
      (await awsFailure(createRole({ RoleName: 'R', AssumeRolePolicyDocument: withResource }, prod)))
        .awsMessage,
    ).toBe('Has prohibited field Resource');
    const s3 =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:GetObject"}]}';
    expect(
      (await awsFailure(createRole({ RoleName: 'R', AssumeRolePolicyDocument: s3 }, prod))).awsMessage,
    ).toBe('AssumeRole policy may only specify STS AssumeRole actions.');
  });

  it('UpdateAssumeRolePolicy checks the new document the same way', async () => {
    const prod = f.root(PRODUCTION);
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod);
    expect(
      (
        await awsFailure(
          updateAssumeRolePolicy({ RoleName: 'UpdateApp', PolicyDocument: trustOf('222222222222') }, prod),
        )
      ).awsMessage,
    ).toBe('Invalid principal in policy: "AWS":"222222222222"');
    await updateAssumeRolePolicy({ RoleName: 'UpdateApp', PolicyDocument: trustOf('111111111111') }, prod);
    const role = (await getRole({ RoleName: 'UpdateApp' }, prod)).Role;
    // IAM stores an account id as the account's root ARN.
    expect(decodeURIComponent(role.AssumeRolePolicyDocument ?? '')).toBe(
      trustOf('arn:aws:iam::111111111111:root'),
    );
  });
});

describe('UpdateRole / DeleteRole (https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html)', () => {
  it('updates description and max session duration', async () => {
    const prod = f.root(PRODUCTION);
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod);
    await updateRole({ RoleName: 'UpdateApp', Description: 'new', MaxSessionDuration: 7200 }, prod);
    const role = (await getRole({ RoleName: 'UpdateApp' }, prod)).Role;
    expect([role.Description, role.MaxSessionDuration]).toEqual(['new', 7200]);
  });

  it('refuses to delete a role with attached or inline policies', async () => {
    const prod = f.root(PRODUCTION);
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod);
    const { Policy } = await createPolicy(
      { PolicyName: 'read-write-app-bucket', PolicyDocument: READ_WRITE_APP_BUCKET },
      prod,
    );
    await attachRolePolicy({ RoleName: 'UpdateApp', PolicyArn: Policy?.Arn ?? '' }, prod);
    expect(await awsFailure(deleteRole({ RoleName: 'UpdateApp' }, prod))).toEqual({
      code: 'DeleteConflict',
      status: 409,
      awsMessage: 'Cannot delete entity, must detach all policies first.',
    });
    await createRole({ RoleName: 'Other', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod);
    await putRolePolicy({ RoleName: 'Other', PolicyName: 'p', PolicyDocument: READ_WRITE_APP_BUCKET }, prod);
    expect((await awsFailure(deleteRole({ RoleName: 'Other' }, prod))).awsMessage).toBe(
      'Cannot delete entity, must delete policies first.',
    );
  });
});
