import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccessKey } from './access-keys.js';
import { createAccountAlias, deleteAccountAlias, getAccountSummary, listAccountAliases } from './account.js';
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
import { createPolicy, createPolicyVersion } from './managed-policies.js';
import { createRole } from './roles.js';
import { createUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccountAlias.html
describe('account aliases', () => {
  it('lists, replaces and deletes the alias; aliases are unique across accounts', async () => {
    const prod = f.root(PRODUCTION);
    expect((await listAccountAliases({}, prod)).AccountAliases).toEqual(['production']);
    expect(await awsFailure(createAccountAlias({ AccountAlias: 'development' }, prod))).toEqual({
      code: 'EntityAlreadyExists',
      status: 409,
      awsMessage: 'The account alias development already exists.',
    });
    await createAccountAlias({ AccountAlias: 'prod-live' }, prod);
    expect((await listAccountAliases({}, prod)).AccountAliases).toEqual(['prod-live']);
    expect((await awsFailure(deleteAccountAlias({ AccountAlias: 'production' }, prod))).code).toBe(
      'NoSuchEntity',
    );
    await deleteAccountAlias({ AccountAlias: 'prod-live' }, prod);
    expect((await listAccountAliases({}, prod)).AccountAliases).toEqual([]);
  });
});

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html
describe('GetAccountSummary', () => {
  it("counts the account's entities and reports AWS's default quotas", async () => {
    const prod = f.root(PRODUCTION);
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST }, prod);
    const { Policy } = await createPolicy(
      { PolicyName: 'read-write-app-bucket', PolicyDocument: READ_WRITE_APP_BUCKET },
      prod,
    );
    await createPolicyVersion({ PolicyArn: Policy?.Arn ?? '', PolicyDocument: READ_WRITE_APP_BUCKET }, prod);
    await createUser({ UserName: 'Admin' }, prod);
    await createGroup({ GroupName: 'Admins' }, prod);
    await createAccessKey({}, prod);
    await createUser({ UserName: 'David' }, f.root(DEVELOPMENT));
    const map = (await getAccountSummary({}, prod)).SummaryMap ?? {};
    expect(map).toMatchObject({
      Users: 1,
      Groups: 1,
      Roles: 1,
      Policies: 1,
      PolicyVersionsInUse: 2,
      AccountAccessKeysPresent: 1,
      AccountMFAEnabled: 0,
      AccessKeysPerUserQuota: 2,
      VersionsPerPolicyQuota: 5,
      UsersQuota: 5000,
    });
  });
});
