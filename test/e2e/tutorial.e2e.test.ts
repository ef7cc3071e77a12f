// The IAM and STS part of AWS's tutorial "Delegate access across AWS accounts using IAM roles", played
// against a started trustlab with the machine's Python aws CLI v1 and Debian's aws CLI v2 (2.9):
// https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNTS,
  cliErrorLine,
  DAVID_IDENTITY,
  DAVID_SESSION_ARN,
  type PolicyFile,
  roleProfileConfig,
  SETUP,
  SOME_SESSION_ARN,
  STEP3,
} from './delegate-access.js';
import { AWS_CLI_V2, aws, keys, type RunningTrustlab, startTrustlab } from './start-trustlab.js';

interface Cli {
  name: string;
  path: string;
  /** How a `role_arn` profile's own AssumeRole call reaches trustlab: lines for [roleb], and environment. */
  roleProfile(url: string, scratch: string): { lines: string; env: Record<string, string> };
}

const CLIS: Cli[] = [
  {
    name: 'aws CLI v1',
    path: 'aws',
    // v1 sends a role_arn profile's AssumeRole to that profile's endpoint_url.
    roleProfile: (url) => ({ lines: `endpoint_url = ${url}\n`, env: {} }),
  },
  {
    name: 'aws CLI v2',
    path: AWS_CLI_V2,
    // v2.9 reads no endpoint_url from its config and sends a role_arn profile's AssumeRole to
    // https://sts.us-east-1.amazonaws.com whatever --endpoint-url says. Its botocore looks in AWS_DATA_PATH
    // before its own data, so an STS endpoint rule set there is how that call reaches trustlab.
    roleProfile: (url, scratch) => ({ lines: '', env: { AWS_DATA_PATH: stsEndpointRuleSet(url, scratch) } }),
  },
];

describe.each(CLIS)('the tutorial with the $name', (cli) => {
  let lab: RunningTrustlab;
  let scratch = '';
  const users: Record<string, { key: string; secret: string }> = {};
  const run = (who: Record<string, string>, args: string[], env: Record<string, string> = {}) =>
    aws(['--endpoint-url', lab.url, ...args], { ...who, ...env }, cli.path);

  beforeAll(async () => {
    // INVARIANT: `.ci/run` installs Debian's awscli; without it the v2 run cannot say anything.
    if (isAbsolute(cli.path) && !existsSync(cli.path))
      throw new Error(`${cli.path} is missing: run .ci/run, or apt-get install awscli`);
    scratch = mkdtempSync(join(tmpdir(), 'trustlab-tutorial-'));
    lab = await startTrustlab();
    for (const call of SETUP) {
      const out = await ok(run(keys(ACCOUNTS[call.account]), cliArgs('iam', call.action, call.params)));
      const key = out.AccessKey as Record<string, string> | undefined;
      if (key)
        users[key.UserName as string] = { key: key.AccessKeyId ?? '', secret: key.SecretAccessKey ?? '' };
    }
  }, 120_000);
  afterAll(async () => {
    await lab?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('Step 3: David assumes UpdateApp, is the role session, and has only the role’s permissions', async () => {
    const assumed = await ok(run(keys(user('David')), cliArgs('sts', 'AssumeRole', STEP3.davidAssumes)));
    const credentials = assumed.Credentials as Record<string, string>;
    expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(assumed.AssumedRoleUser).toMatchObject({ Arn: DAVID_SESSION_ARN });
    const session = {
      AWS_ACCESS_KEY_ID: credentials.AccessKeyId ?? '',
      AWS_SECRET_ACCESS_KEY: credentials.SecretAccessKey ?? '',
      AWS_SESSION_TOKEN: credentials.SessionToken ?? '',
    };
    expect(await ok(run(session, ['sts', 'get-caller-identity']))).toMatchObject(DAVID_IDENTITY);
    const denied = await run(session, cliArgs('iam', 'CreateUser', STEP3.sessionCreatesUser));
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain(cliErrorLine(STEP3.sessionCreateUserDenied));
  });

  it('Step 3: Theresa is refused by the explicit deny in the Testers policy', async () => {
    const refused = await run(keys(user('Theresa')), cliArgs('sts', 'AssumeRole', STEP3.theresaAssumes));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(cliErrorLine(STEP3.theresaDenied));
  });

  it('a role_arn + source_profile profile assumes the role by itself, and is refused to Theresa', async () => {
    const { lines, env } = cli.roleProfile(lab.url, scratch);
    const withProfile = (name: string) => {
      const config = join(scratch, `${name}.config`);
      writeFileSync(config, roleProfileConfig(user(name), lines));
      return run({}, ['sts', 'get-caller-identity', '--profile', 'roleb'], {
        ...env,
        AWS_CONFIG_FILE: config,
      });
    };
    const identity = await ok(withProfile('David'));
    expect(identity.Arn).toMatch(SOME_SESSION_ARN);
    const refused = await withProfile('Theresa');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(cliErrorLine(STEP3.theresaDenied));
  });

  it("refuses a trust policy naming an account that does not exist (the seed's warning)", async () => {
    // "If you use an invalid account ID, such as 111111111111, IAM does not let you create the new role."
    const trust = join(scratch, 'trust.json');
    writeFileSync(
      trust,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' },
        ],
      }),
    );
    const refused = await run(
      keys(ACCOUNTS.production),
      cliArgs('iam', 'CreateRole', { RoleName: 'Nowhere', AssumeRolePolicyDocument: { file: trust } }),
    );
    expect(refused.stderr).toContain(
      '(MalformedPolicyDocument) when calling the CreateRole operation: Invalid principal in policy',
    );
  });

  function user(name: string): { key: string; secret: string } {
    const found = users[name];
    if (!found) throw new Error(`the setup made no access key for ${name}`);
    return found;
  }
});

/** An API call as the aws CLI spells it: `iam create-role --role-name … --assume-role-policy-document file://…`. */
function cliArgs(service: string, action: string, params: Record<string, string | PolicyFile>): string[] {
  return [
    service,
    kebab(action),
    ...Object.entries(params).flatMap(([name, value]) => [
      `--${kebab(name)}`,
      typeof value === 'string' ? value : `file://${value.file}`,
    ]),
  ];
}

function kebab(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

async function ok(run: Promise<{ code: number; stdout: string; stderr: string }>) {
  const result = await run;
  if (result.code !== 0) throw new Error(result.stderr);
  return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
}

/** A data directory, made in `scratch`, whose STS endpoint rule set answers every request with `url`. */
function stsEndpointRuleSet(url: string, scratch: string): string {
  const data = join(scratch, 'data-path');
  const dir = join(data, 'sts', '2011-06-15');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'endpoint-rule-set-1.json'),
    JSON.stringify({
      version: '1.0',
      parameters: { Region: { builtIn: 'AWS::Region', required: false, type: 'String' } },
      rules: [{ conditions: [], endpoint: { url, properties: {}, headers: {} }, type: 'endpoint' }],
    }),
  );
  return data;
}
