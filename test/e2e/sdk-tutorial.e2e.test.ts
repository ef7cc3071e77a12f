// The IAM and STS part of the delegate-access tutorial with the AWS SDK v3 against a started trustlab:
// the steps of ./delegate-access.ts as SDK commands.
import { readFileSync } from 'node:fs';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutGroupPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNTS,
  DAVID_IDENTITY,
  DAVID_SESSION_ARN,
  type ExpectedError,
  SETUP,
  STEP3,
  type TutorialCall,
} from './delegate-access.js';
import { type RunningTrustlab, startTrustlab } from './start-trustlab.js';

const COMMANDS = {
  CreatePolicy: CreatePolicyCommand,
  CreateRole: CreateRoleCommand,
  AttachRolePolicy: AttachRolePolicyCommand,
  CreateGroup: CreateGroupCommand,
  AttachGroupPolicy: AttachGroupPolicyCommand,
  PutGroupPolicy: PutGroupPolicyCommand,
  CreateUser: CreateUserCommand,
  AddUserToGroup: AddUserToGroupCommand,
  CreateAccessKey: CreateAccessKeyCommand,
};

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
/** Any IAM command, as IAMClient.send takes it. */
type IamCommand = Parameters<IAMClient['send']>[0];

let lab: RunningTrustlab;
const users: Record<string, Credentials> = {};
const config = (credentials: Credentials) => ({
  endpoint: lab.url,
  region: 'us-east-1',
  credentials,
});
const root = (account: { key: string; secret: string }) => ({
  accessKeyId: account.key,
  secretAccessKey: account.secret,
});

beforeAll(async () => {
  lab = await startTrustlab();
  for (const call of SETUP) {
    const out = await new IAMClient(config(root(ACCOUNTS[call.account]))).send(command(call));
    if ('AccessKey' in out && out.AccessKey) {
      const { UserName, AccessKeyId, SecretAccessKey } = out.AccessKey;
      users[UserName ?? ''] = { accessKeyId: AccessKeyId ?? '', secretAccessKey: SecretAccessKey ?? '' };
    }
  }
});
afterAll(() => lab?.stop());

describe('the tutorial with the AWS SDK v3', () => {
  it("Step 3: David's AssumeRole returns session credentials, and they act as the role session", async () => {
    const assumed = await new STSClient(config(user('David'))).send(
      new AssumeRoleCommand(STEP3.davidAssumes),
    );
    expect(assumed.AssumedRoleUser?.Arn).toBe(DAVID_SESSION_ARN);
    const session = config({
      accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
      secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
      sessionToken: assumed.Credentials?.SessionToken ?? '',
    });
    expect(await new STSClient(session).send(new GetCallerIdentityCommand({}))).toMatchObject(DAVID_IDENTITY);
    await expect(
      new IAMClient(session).send(new CreateUserCommand(STEP3.sessionCreatesUser)),
    ).rejects.toMatchObject(sdkError(STEP3.sessionCreateUserDenied));
  });

  it('Step 3: Theresa is refused by the explicit deny in the Testers policy', async () => {
    await expect(
      new STSClient(config(user('Theresa'))).send(new AssumeRoleCommand(STEP3.theresaAssumes)),
    ).rejects.toMatchObject(sdkError(STEP3.theresaDenied));
  });
});

/** A tutorial call as the SDK command of the same name; its params are the model's member names. */
function command(call: TutorialCall) {
  const found = COMMANDS[call.action as keyof typeof COMMANDS];
  if (!found) throw new Error(`no SDK command for ${call.action}`);
  // The input is checked by trustlab, not by TypeScript: it is the tutorial's data.
  const Command = found as unknown as new (input: Record<string, string>) => IamCommand;
  const input = Object.fromEntries(
    Object.entries(call.params).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : readFileSync(value.file, 'utf8'),
    ]),
  );
  return new Command(input);
}

/** The SDK names the error by its code and carries AWS's message. */
function sdkError(error: ExpectedError) {
  return { name: error.code, message: error.message };
}

function user(name: string): Credentials {
  const found = users[name];
  if (!found) throw new Error(`the setup made no access key for ${name}`);
  return found;
}
