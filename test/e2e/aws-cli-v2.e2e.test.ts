// The same calls with Debian's aws CLI v2 (2.9), which ignores AWS_ENDPOINT_URL: --endpoint-url it is.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AWS_CLI_V2,
  aws,
  DEVELOPMENT,
  keys,
  PRODUCTION,
  type RunningTrustlab,
  startTrustlab,
} from './start-trustlab.js';

let lab: RunningTrustlab;
beforeAll(async () => {
  // INVARIANT: `.ci/run` installs Debian's awscli; without it this suite cannot say anything.
  if (!existsSync(AWS_CLI_V2))
    throw new Error(`${AWS_CLI_V2} is missing: run .ci/run, or apt-get install awscli`);
  lab = await startTrustlab();
});
afterAll(() => lab?.stop());

const v2 = (args: string[], who: Record<string, string>) =>
  aws(['--endpoint-url', lab.url, ...args], who, AWS_CLI_V2);

describe('aws CLI v2', () => {
  it('reports its version as 2.x', async () => {
    const run = await aws(['--version'], {}, AWS_CLI_V2);
    expect(run.stdout).toMatch(/^aws-cli\/2\./);
  });

  it('creates a user and its key; the new user is who it says, and may not read itself without a policy', async () => {
    expect((await v2(['iam', 'create-user', '--user-name', 'Vera'], keys(DEVELOPMENT))).code).toBe(0);
    const key = JSON.parse(
      (await v2(['iam', 'create-access-key', '--user-name', 'Vera'], keys(DEVELOPMENT))).stdout,
    );
    const vera = {
      AWS_ACCESS_KEY_ID: key.AccessKey.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: key.AccessKey.SecretAccessKey,
    };
    const identity = JSON.parse((await v2(['sts', 'get-caller-identity'], vera)).stdout);
    expect(identity.Arn).toBe(`arn:aws:iam::${DEVELOPMENT.id}:user/Vera`);
    // Vera has no policy: reading herself needs iam:GetUser, which nothing allows.
    const denied = await v2(['iam', 'get-user'], vera);
    expect(denied.stderr).toContain(
      `(AccessDenied) when calling the GetUser operation: User: arn:aws:iam::${DEVELOPMENT.id}:user/Vera is not authorized to perform: iam:GetUser on resource: arn:aws:iam::${DEVELOPMENT.id}:user/Vera because no identity-based policy allows the iam:GetUser action`,
    );
  });

  it('refuses the root user AssumeRole as STS does', async () => {
    const run = await v2(
      [
        'sts',
        'assume-role',
        '--role-arn',
        `arn:aws:iam::${PRODUCTION.id}:role/Any`,
        '--role-session-name',
        'root-try',
      ],
      keys(DEVELOPMENT),
    );
    expect(run.stderr).toContain('Roles may not be assumed by root accounts.');
  });
});
