// The IAM and STS part of AWS's tutorial "Delegate access across AWS accounts using IAM roles",
// played with the aws CLI against a started trustlab, answered as AWS answers:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, DEVELOPMENT, keys, PRODUCTION, type RunningTrustlab, startTrustlab } from './start-trustlab.js';

const policies = new URL('../../labs/delegate-access/policies/', import.meta.url).pathname;
const file = (path: string) => `file://${join(policies, path)}`;
const role = `arn:aws:iam::${PRODUCTION.id}:role/UpdateApp`;

let lab: RunningTrustlab;
const as = (who: Record<string, string>) => (args: string[]) =>
  aws(['--endpoint-url', lab.url, ...args], who);
const ok = async (run: Promise<{ code: number; stdout: string; stderr: string }>) => {
  const result = await run;
  if (result.code !== 0) throw new Error(result.stderr);
  return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
};
const userKeys: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  lab = await startTrustlab();
  // Step 1, in Production: the policy for the productionapp bucket and the UpdateApp role trusting Development.
  const production = as(keys(PRODUCTION));
  await ok(
    production([
      'iam',
      'create-policy',
      '--policy-name',
      'read-write-app-bucket',
      '--policy-document',
      file('production/read-write-app-bucket.json'),
    ]),
  );
  await ok(
    production([
      'iam',
      'create-role',
      '--role-name',
      'UpdateApp',
      '--assume-role-policy-document',
      file('production/UpdateApp-trust.json'),
    ]),
  );
  await ok(
    production([
      'iam',
      'attach-role-policy',
      '--role-name',
      'UpdateApp',
      '--policy-arn',
      `arn:aws:iam::${PRODUCTION.id}:policy/read-write-app-bucket`,
    ]),
  );
  // Step 2, in Development: Developers may assume the role, Testers are denied; both are power users.
  const development = as(keys(DEVELOPMENT));
  for (const [group, user, policy] of [
    ['Developers', 'David', 'allow-assume-S3-role-in-production'],
    ['Testers', 'Theresa', 'deny-assume-S3-role-in-production'],
  ] as const) {
    await ok(development(['iam', 'create-group', '--group-name', group]));
    await ok(
      development([
        'iam',
        'attach-group-policy',
        '--group-name',
        group,
        '--policy-arn',
        'arn:aws:iam::aws:policy/PowerUserAccess',
      ]),
    );
    await ok(
      development([
        'iam',
        'put-group-policy',
        '--group-name',
        group,
        '--policy-name',
        policy,
        '--policy-document',
        file(`development/${policy}.json`),
      ]),
    );
    await ok(development(['iam', 'create-user', '--user-name', user]));
    await ok(development(['iam', 'add-user-to-group', '--group-name', group, '--user-name', user]));
    const key = (await ok(development(['iam', 'create-access-key', '--user-name', user])))
      .AccessKey as Record<string, string>;
    userKeys[user] = {
      AWS_ACCESS_KEY_ID: key.AccessKeyId as string,
      AWS_SECRET_ACCESS_KEY: key.SecretAccessKey as string,
    };
  }
}, 120_000);
afterAll(() => lab.stop());

describe('Step 3: switching roles with the aws CLI', () => {
  it('David assumes UpdateApp and acts as the role session', async () => {
    const assumed = await ok(
      as(userKeys.David as Record<string, string>)([
        'sts',
        'assume-role',
        '--role-arn',
        role,
        '--role-session-name',
        'David-ProdUpdate',
      ]),
    );
    const credentials = assumed.Credentials as Record<string, string>;
    expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(assumed.AssumedRoleUser).toMatchObject({
      Arn: `arn:aws:sts::${PRODUCTION.id}:assumed-role/UpdateApp/David-ProdUpdate`,
    });
    const session = {
      AWS_ACCESS_KEY_ID: credentials.AccessKeyId as string,
      AWS_SECRET_ACCESS_KEY: credentials.SecretAccessKey as string,
      AWS_SESSION_TOKEN: credentials.SessionToken as string,
    };
    const identity = await ok(as(session)(['sts', 'get-caller-identity']));
    expect(identity).toMatchObject({
      Account: PRODUCTION.id,
      Arn: `arn:aws:sts::${PRODUCTION.id}:assumed-role/UpdateApp/David-ProdUpdate`,
    });
    // "While David is using the role, he cannot use his power-user privileges in the Development account."
    const denied = await as(session)(['iam', 'create-user', '--user-name', 'Mallory']);
    expect(denied.stderr).toContain(
      `(AccessDenied) when calling the CreateUser operation: User: arn:aws:sts::${PRODUCTION.id}:assumed-role/UpdateApp/David-ProdUpdate is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${PRODUCTION.id}:user/Mallory because no identity-based policy allows the iam:CreateUser action`,
    );
  });

  it('Theresa is refused by the explicit deny in the Testers policy', async () => {
    const run = await as(userKeys.Theresa as Record<string, string>)([
      'sts',
      'assume-role',
      '--role-arn',
      role,
      '--role-session-name',
      'Theresa-ProdUpdate',
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      `(AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::${DEVELOPMENT.id}:user/Theresa is not authorized to perform: sts:AssumeRole on resource: ${role} with an explicit deny in an identity-based policy`,
    );
  });

  it('a CLI profile with role_arn and source_profile assumes the role by itself', async () => {
    // The seed's ~/.aws/credentials: [accounta] with David's keys, [roleb] with role_arn + source_profile.
    const home = mkdtempSync(join(tmpdir(), 'trustlab-profile-'));
    const david = userKeys.David as Record<string, string>;
    writeFileSync(
      join(home, 'config'),
      `[profile accounta]\naws_access_key_id = ${david.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${david.AWS_SECRET_ACCESS_KEY}\n\n[profile roleb]\nrole_arn = ${role}\nsource_profile = accounta\nendpoint_url = ${lab.url}\n`,
    );
    const identity = await ok(
      aws(['sts', 'get-caller-identity', '--profile', 'roleb'], {
        AWS_CONFIG_FILE: join(home, 'config'),
        AWS_ENDPOINT_URL: lab.url,
      }),
    );
    expect(identity.Arn).toMatch(new RegExp(`^arn:aws:sts::${PRODUCTION.id}:assumed-role/UpdateApp/`));
  });
});

describe('IAM refuses what AWS refuses', () => {
  it("a trust policy naming an account that does not exist (the seed's warning)", async () => {
    // "If you use an invalid account ID, such as 111111111111, IAM does not let you create the new role."
    const dir = mkdtempSync(join(tmpdir(), 'trustlab-trust-'));
    const trust = join(dir, 'trust.json');
    writeFileSync(
      trust,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' },
        ],
      }),
    );
    const run = await as(keys(PRODUCTION))([
      'iam',
      'create-role',
      '--role-name',
      'Nowhere',
      '--assume-role-policy-document',
      `file://${trust}`,
    ]);
    expect(run.stderr).toContain(
      '(MalformedPolicyDocument) when calling the CreateRole operation: Invalid principal in policy',
    );
  });
});
