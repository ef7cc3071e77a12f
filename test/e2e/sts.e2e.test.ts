// STS against a started trustlab with real clients: the aws CLI (v1, the machine's Python) and the AWS SDK v3.
import {
  AssumeRoleCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, DEVELOPMENT, keys, type RunningTrustlab, startTrustlab } from './start-trustlab.js';

let lab: RunningTrustlab;
beforeAll(async () => {
  lab = await startTrustlab();
});
afterAll(() => lab.stop());

const sts = (account: { key: string; secret: string }, secret = account.secret) =>
  new STSClient({
    endpoint: lab.url,
    region: 'us-east-1',
    credentials: { accessKeyId: account.key, secretAccessKey: secret },
  });

describe('GetCallerIdentity', () => {
  it('answers the root user as AWS does: the account id is the UserId (aws CLI)', async () => {
    const run = await aws(['--endpoint-url', lab.url, 'sts', 'get-caller-identity'], keys(DEVELOPMENT));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      UserId: DEVELOPMENT.id,
      Account: DEVELOPMENT.id,
      Arn: `arn:aws:iam::${DEVELOPMENT.id}:root`,
    });
  });

  it('answers through the AWS SDK v3', async () => {
    const out = await sts(DEVELOPMENT).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Account: DEVELOPMENT.id, Arn: `arn:aws:iam::${DEVELOPMENT.id}:root` });
  });
});

describe('signatures', () => {
  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    await expect(
      sts(DEVELOPMENT, 'not-the-secret-key-at-all-000000000').send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
  });

  it('refuses an unknown key with InvalidClientTokenId', async () => {
    const stranger = { key: 'AKIAUNKNOWNKEY000000', secret: 'whatever-secret-000000000000000' };
    await expect(sts(stranger).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('answers an unsigned request with MissingAuthenticationToken', async () => {
    const response = await fetch(lab.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});

describe('AssumeRole', () => {
  it("refuses the root user with STS's own message", async () => {
    // "You cannot switch to a role when you are signed in as the AWS account root user."
    const run = await aws(
      [
        '--endpoint-url',
        lab.url,
        'sts',
        'assume-role',
        '--role-arn',
        'arn:aws:iam::999999999999:role/UpdateApp',
        '--role-session-name',
        'root-try',
      ],
      keys(DEVELOPMENT),
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      '(AccessDenied) when calling the AssumeRole operation: Roles may not be assumed by root accounts.',
    );
  });

  it('rejects a session name AWS rejects, with its validation message', async () => {
    await expect(
      sts(DEVELOPMENT).send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::999999999999:role/UpdateApp',
          RoleSessionName: 'has space',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("at 'roleSessionName' failed to satisfy constraint"),
    });
  });
});

describe('GetAccessKeyInfo', () => {
  it("names a lab key's account, and the account encoded in an AWS-format key id", async () => {
    const client = sts(DEVELOPMENT);
    expect(
      (await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIAPRODUCTIONROOT01' }))).Account,
    ).toBe('999999999999');
    // A real session key id from public write-ups on key-id decoding; its account is encoded in it.
    expect(
      (await client.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'ASIAY34FZKBOKMUTVV7A' }))).Account,
    ).toBe('609629065308');
  });
});
