// Steps 1 and 2 of the delegate-access tutorial (./delegate-access.ts) as AWS SDK v3 commands, for the
// runs that need the accounts set up and then go on with something else.
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
import { ACCOUNTS, SETUP, type TutorialCall } from './delegate-access.js';

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

export type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
/** Any IAM command, as IAMClient.send takes it. */
type IamCommand = Parameters<IAMClient['send']>[0];

export function sdkConfig(url: string, credentials: Credentials) {
  return { endpoint: url, region: 'us-east-1', credentials };
}

export function rootCredentials(account: { key: string; secret: string }): Credentials {
  return { accessKeyId: account.key, secretAccessKey: account.secret };
}

/** Plays the setup as each account's root user; returns the access keys made for the users, by name. */
export async function setUpTutorial(url: string): Promise<Record<string, Credentials>> {
  const users: Record<string, Credentials> = {};
  for (const call of SETUP) {
    const out = await new IAMClient(sdkConfig(url, rootCredentials(ACCOUNTS[call.account]))).send(
      command(call),
    );
    if ('AccessKey' in out && out.AccessKey) {
      const { UserName, AccessKeyId, SecretAccessKey } = out.AccessKey;
      users[UserName ?? ''] = { accessKeyId: AccessKeyId ?? '', secretAccessKey: SecretAccessKey ?? '' };
    }
  }
  return users;
}

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
