// The IAM and STS part of the delegate-access tutorial with the AWS SDK v3 against a started trustlab:
// the steps of ./delegate-access.ts as SDK commands.
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAVID_IDENTITY, DAVID_SESSION_ARN, type ExpectedError, STEP3 } from './delegate-access.js';
import { type Credentials, sdkConfig, setUpTutorial } from './sdk-setup.js';
import { type RunningTrustlab, startTrustlab } from './start-trustlab.js';

let lab: RunningTrustlab;
let users: Record<string, Credentials> = {};
const config = (credentials: Credentials) => sdkConfig(lab.url, credentials);

beforeAll(async () => {
  lab = await startTrustlab();
  users = await setUpTutorial(lab.url);
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

/** The SDK names the error by its code and carries AWS's message. */
function sdkError(error: ExpectedError) {
  return { name: error.code, message: error.message };
}

function user(name: string): Credentials {
  const found = users[name];
  if (!found) throw new Error(`the setup made no access key for ${name}`);
  return found;
}
