import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compilePolicy } from '../../policy/compile/compile-policy.js';
import { compilePolicySet } from '../../policy/compile/compile-policy-set.js';
import { buildContext } from '../../policy/context.js';
import { callerFromArn } from '../../policy/evaluate/caller-from-arn.js';
import { evaluate } from '../../policy/evaluate/evaluate.js';
import { parsePolicy } from '../../policy/parse/parse-policy.js';
import { DEVELOPMENT, type IamFixture, openIamFixture, PRODUCTION } from './iam-test-fixture.js';
import { rewriteAwsPrincipals, storedTrustPolicy } from './rewrite-principals.js';
import { createRole, deleteRole, getRole, updateAssumeRolePolicy } from './roles.js';
import { createUser, deleteUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

const trust = (principal: string) => `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": { "AWS": ${principal} }, "Action": "sts:AssumeRole" }
  ]
}`;
const stored = async (roleName: string) =>
  decodeURIComponent(
    (await getRole({ RoleName: roleName }, f.root(PRODUCTION))).Role.AssumeRolePolicyDocument ?? '',
  );

/** Whether the trust policy lets `arn` assume the role (the engine, as AssumeRole asks it). */
const trusts = (document: string, arn: string) => {
  const doc = parsePolicy(document).doc;
  const caller = callerFromArn(arn);
  if (!doc || !caller) throw new Error('fixture');
  const request = {
    caller,
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::999999999999:role/UpdateApp',
    resourceAccount: PRODUCTION,
    context: buildContext({}),
  };
  const allowAll = parsePolicy(
    '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
  ).doc;
  if (!allowAll) throw new Error('fixture');
  const set = compilePolicySet({
    identity: [compilePolicy(allowAll, { id: 'all' })],
    resource: compilePolicy(doc, { id: 'trust' }),
  });
  return evaluate(request, set).verdict === 'Allowed';
};

describe('rewriteAwsPrincipals', () => {
  it('replaces only AWS principal strings, in place, Principal and NotPrincipal alike', () => {
    const text = `{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Principal":{"AWS":["111111111111", "arn:aws:iam::111111111111:user/David"],"Service":"111111111111"},"Action":"sts:AssumeRole"},
  {"Effect":"Deny","NotPrincipal":{"AWS":"111111111111"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalAccount":"111111111111"}}}
]}`;
    expect(storedTrustPolicy(text)).toBe(`{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:root", "arn:aws:iam::111111111111:user/David"],"Service":"111111111111"},"Action":"sts:AssumeRole"},
  {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalAccount":"111111111111"}}}
]}`);
    expect(rewriteAwsPrincipals(text, () => undefined)).toBeUndefined();
    expect(rewriteAwsPrincipals('not json', () => 'x')).toBeUndefined();
  });
});

describe('trust policies as IAM stores them (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)', () => {
  it('stores an account id as the account root ARN, on CreateRole and UpdateAssumeRolePolicy', async () => {
    await createRole(
      { RoleName: 'UpdateApp', AssumeRolePolicyDocument: trust('"111111111111"') },
      f.root(PRODUCTION),
    );
    expect(await stored('UpdateApp')).toBe(trust('"arn:aws:iam::111111111111:root"'));
    await updateAssumeRolePolicy(
      { RoleName: 'UpdateApp', PolicyDocument: trust('["999999999999"]') },
      f.root(PRODUCTION),
    );
    expect(await stored('UpdateApp')).toBe(trust('["arn:aws:iam::999999999999:root"]'));
  });

  it('shows a deleted user as its unique id, which a new David does not match, in every account', async () => {
    const dev = f.root(DEVELOPMENT);
    const david = (await createUser({ UserName: 'David' }, dev)).User;
    const davidArn = 'arn:aws:iam::111111111111:user/David';
    await createRole(
      { RoleName: 'UpdateApp', AssumeRolePolicyDocument: trust(`"${davidArn}"`) },
      f.root(PRODUCTION),
    );
    expect(trusts(await stored('UpdateApp'), davidArn)).toBe(true);

    await deleteUser({ UserName: 'David' }, dev);
    expect(await stored('UpdateApp')).toBe(trust(`"${david?.UserId}"`));
    await createUser({ UserName: 'David' }, dev);
    expect(await stored('UpdateApp')).toBe(trust(`"${david?.UserId}"`));
    expect(trusts(await stored('UpdateApp'), davidArn)).toBe(false);
  });

  it('does the same for a deleted role named by another role, and leaves other principals alone', async () => {
    const prod = f.root(PRODUCTION);
    const first = (
      await createRole({ RoleName: 'First', AssumeRolePolicyDocument: trust('"111111111111"') }, prod)
    ).Role;
    const both = trust('["arn:aws:iam::999999999999:role/First", "arn:aws:iam::111111111111:root"]');
    await createRole({ RoleName: 'UpdateApp', AssumeRolePolicyDocument: both }, prod);
    await deleteRole({ RoleName: 'First' }, prod);
    expect(await stored('UpdateApp')).toBe(trust(`["${first.RoleId}", "arn:aws:iam::111111111111:root"]`));
  });
});

describe('bucket policies keep a deleted principal as its unique id too', () => {
  it('rewrites the bucket policy that names the deleted user, in the same transaction', async () => {
    const dev = f.root(DEVELOPMENT);
    const david = (await createUser({ UserName: 'David' }, dev)).User;
    const davidArn = 'arn:aws:iam::111111111111:user/David';
    const policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"${davidArn}"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::cross-account-bucket/*"}]}`;
    await f.store.transaction((tx) =>
      tx.createBucket({
        name: 'cross-account-bucket',
        accountId: PRODUCTION,
        region: 'us-east-1',
        createDate: 0,
        acl: { ownerId: 'owner', grants: [] },
        policy,
      }),
    );
    await deleteUser({ UserName: 'David' }, dev);
    expect((await f.store.getBucket('cross-account-bucket'))?.policy).toBe(
      policy.replace(davidArn, david?.UserId ?? 'missing'),
    );
  });
});
