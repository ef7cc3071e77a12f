// Roles whose trust policy requires an external id or MFA, through the AWS SDK v3 against a started trustlab.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../../src/services/totp.js';
import { DEVELOPMENT, PRODUCTION, type RunningTrustlab, startTrustlab } from './start-trustlab.js';

let lab: RunningTrustlab;
let ursula: { accessKeyId: string; secretAccessKey: string };
let seed = '';
let serial = '';
const region = 'us-east-1';
const root = (account: { key: string; secret: string }) => ({
  accessKeyId: account.key,
  secretAccessKey: account.secret,
});
const trusting = (condition: object) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${DEVELOPMENT.id}:root` },
        Action: 'sts:AssumeRole',
        Condition: condition,
      },
    ],
  });

beforeAll(async () => {
  lab = await startTrustlab();
  const production = new IAMClient({ endpoint: lab.url, region, credentials: root(PRODUCTION) });
  await production.send(
    new CreateRoleCommand({
      RoleName: 'ThirdParty',
      AssumeRolePolicyDocument: trusting({ StringEquals: { 'sts:ExternalId': 'x-123' } }),
    }),
  );
  await production.send(
    new CreateRoleCommand({
      RoleName: 'MfaOnly',
      AssumeRolePolicyDocument: trusting({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    }),
  );

  const development = new IAMClient({ endpoint: lab.url, region, credentials: root(DEVELOPMENT) });
  await development.send(new CreateUserCommand({ UserName: 'Ursula' }));
  await development.send(
    new PutUserPolicyCommand({
      UserName: 'Ursula',
      PolicyName: 'assume-any',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
      }),
    }),
  );
  const key = (await development.send(new CreateAccessKeyCommand({ UserName: 'Ursula' }))).AccessKey;
  ursula = { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' };
  const device = (
    await development.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'Ursula' }))
  ).VirtualMFADevice;
  seed = new TextDecoder().decode(device?.Base32StringSeed);
  serial = device?.SerialNumber ?? '';
  const step = totpStep(new Date());
  await development.send(
    new EnableMFADeviceCommand({
      UserName: 'Ursula',
      SerialNumber: serial,
      AuthenticationCode1: totpCode(seed, step - 1),
      AuthenticationCode2: totpCode(seed, step),
    }),
  );
}, 60_000);
afterAll(() => lab.stop());

const assume = (input: Omit<ConstructorParameters<typeof AssumeRoleCommand>[0], 'RoleSessionName'>) =>
  new STSClient({ endpoint: lab.url, region, credentials: ursula }).send(
    new AssumeRoleCommand({ ...input, RoleSessionName: 'ursula' }),
  );
const denied = (role: string) => ({
  name: 'AccessDenied',
  message: expect.stringContaining(
    `User: arn:aws:iam::${DEVELOPMENT.id}:user/Ursula is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${PRODUCTION.id}:role/${role}`,
  ),
});

describe('a trust policy requiring sts:ExternalId', () => {
  const RoleArn = `arn:aws:iam::${PRODUCTION.id}:role/ThirdParty`;
  it('denies without the external id, or with another one', async () => {
    await expect(assume({ RoleArn })).rejects.toMatchObject(denied('ThirdParty'));
    await expect(assume({ RoleArn, ExternalId: 'x-999' })).rejects.toMatchObject(denied('ThirdParty'));
  });
  it('allows with the agreed external id', async () => {
    const out = await assume({ RoleArn, ExternalId: 'x-123' });
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PRODUCTION.id}:assumed-role/ThirdParty/ursula`);
  });
});

describe('a trust policy requiring MFA', () => {
  const RoleArn = `arn:aws:iam::${PRODUCTION.id}:role/MfaOnly`;
  it('denies without MFA', async () => {
    await expect(assume({ RoleArn })).rejects.toMatchObject(denied('MfaOnly'));
  });
  it("refuses a wrong code with STS's message", async () => {
    const wrong = totpCode(seed, totpStep(new Date()) + 1) === '000000' ? '111111' : '000000';
    await expect(assume({ RoleArn, SerialNumber: serial, TokenCode: wrong })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    });
  });
  it('allows with a fresh code from the device, and a code is not accepted twice', async () => {
    // EnableMFADevice used the current step; the next one is within the accepted window.
    const code = totpCode(seed, totpStep(new Date()) + 1);
    const out = await assume({ RoleArn, SerialNumber: serial, TokenCode: code });
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    await expect(assume({ RoleArn, SerialNumber: serial, TokenCode: code })).rejects.toMatchObject({
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    });
  });
});
