// The policy simulator, DecodeAuthorizationMessage and stored trust policies against a started trustlab,
// with the AWS SDK v3 and the aws CLI (v1, the machine's Python).
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteUserCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, DEVELOPMENT, keys, PRODUCTION, type RunningTrustlab, startTrustlab } from './start-trustlab.js';

let lab: RunningTrustlab;
beforeAll(async () => {
  lab = await startTrustlab();
});
afterAll(() => lab.stop());

type Keys = { key: string; secret: string };
const client = { region: 'us-east-1' };
const iam = (account: Keys) =>
  new IAMClient({
    ...client,
    endpoint: lab.url,
    credentials: { accessKeyId: account.key, secretAccessKey: account.secret },
  });
const sts = (account: Keys) =>
  new STSClient({
    ...client,
    endpoint: lab.url,
    credentials: { accessKeyId: account.key, secretAccessKey: account.secret },
  });
const cli = (account: Keys, ...args: string[]) => aws(['--endpoint-url', lab.url, ...args], keys(account));

const DENY_UPDATE_APP = `{
  "Version": "2012-10-17",
  "Statement": { "Sid": "NoProd", "Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::999999999999:role/UpdateApp" }
}`;
const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

describe('SimulateCustomPolicy (aws CLI)', () => {
  it("answers the CLI's documented example exactly as AWS did", async () => {
    const run = await cli(
      DEVELOPMENT,
      'iam',
      'simulate-custom-policy',
      '--policy-input-list',
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}',
      '--action-names',
      'dynamodb:CreateBackup',
      '--context-entries',
      "ContextKeyName='aws:CurrentTime',ContextKeyValues='2019-04-25T11:00:00Z',ContextKeyType=date",
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      EvaluationResults: [
        {
          EvalActionName: 'dynamodb:CreateBackup',
          EvalResourceName: '*',
          EvalDecision: 'allowed',
          MatchedStatements: [
            {
              SourcePolicyId: 'PolicyInputList.1',
              SourcePolicyType: 'IAM Policy',
              StartPosition: { Line: 1, Column: 38 },
              EndPosition: { Line: 1, Column: 167 },
            },
          ],
          MissingContextValues: [],
        },
      ],
    });
  });
});

describe("Theresa's denial, simulated and decoded", () => {
  let theresa: Keys;
  beforeAll(async () => {
    const dev = iam(DEVELOPMENT);
    await dev.send(new CreateUserCommand({ UserName: 'Theresa' }));
    await dev.send(new CreateGroupCommand({ GroupName: 'Testers' }));
    await dev.send(new AddUserToGroupCommand({ GroupName: 'Testers', UserName: 'Theresa' }));
    await dev.send(
      new PutGroupPolicyCommand({
        GroupName: 'Testers',
        PolicyName: 'deny-prod',
        PolicyDocument: DENY_UPDATE_APP,
      }),
    );
    await dev.send(
      new PutUserPolicyCommand({ UserName: 'Theresa', PolicyName: 'all', PolicyDocument: ALLOW_ALL }),
    );
    const { AccessKey } = await dev.send(new CreateAccessKeyCommand({ UserName: 'Theresa' }));
    theresa = { key: AccessKey?.AccessKeyId ?? '', secret: AccessKey?.SecretAccessKey ?? '' };
  });

  it('SimulatePrincipalPolicy (SDK v3): the explicit deny of her group, with its position', async () => {
    const out = await iam(DEVELOPMENT).send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: 'arn:aws:iam::111111111111:user/Theresa',
        ActionNames: ['sts:AssumeRole', 's3:ListAllMyBuckets'],
        ResourceArns: ['arn:aws:iam::999999999999:role/UpdateApp'],
      }),
    );
    const [assume, list] = out.EvaluationResults ?? [];
    expect(assume).toMatchObject({
      EvalActionName: 'sts:AssumeRole',
      EvalResourceName: 'arn:aws:iam::999999999999:role/UpdateApp',
      EvalDecision: 'explicitDeny',
      MatchedStatements: [
        {
          SourcePolicyId: 'group_Testers_deny-prod',
          SourcePolicyType: 'IAM Policy',
          StartPosition: { Line: 3, Column: 17 },
          EndPosition: { Line: 3, Column: 137 },
        },
      ],
      EvalDecisionDetails: {},
      ResourceSpecificResults: [
        {
          EvalResourceName: 'arn:aws:iam::999999999999:role/UpdateApp',
          EvalResourceDecision: 'explicitDeny',
        },
      ],
    });
    expect(list?.EvalDecision).toBe('allowed');
    expect(out.IsTruncated).toBe(false);
  });

  it('AccessDenied carries an encoded message that DecodeAuthorizationMessage reads in her account only', async () => {
    const denial = await sts(theresa)
      .send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::999999999999:role/UpdateApp',
          RoleSessionName: 'Theresa-ProdUpdate',
        }),
      )
      .then(
        () => undefined,
        (error: { name: string; message: string; $response?: { headers: Record<string, string> } }) => error,
      );
    expect(denial?.name).toBe('AccessDenied');
    const encoded = denial?.$response?.headers['x-trustlab-encoded-message'] ?? '';
    expect(encoded).toMatch(/^[A-Za-z0-9_-]{100,}$/);
    // AWS's message stays AWS's own.
    expect(denial?.message).not.toContain(encoded);

    const run = await cli(DEVELOPMENT, 'sts', 'decode-authorization-message', '--encoded-message', encoded);
    expect(run.stderr).toBe('');
    const decoded = JSON.parse(JSON.parse(run.stdout).DecodedMessage);
    expect(decoded).toMatchObject({
      allowed: false,
      explicitDeny: true,
      matchedStatements: { items: [{ statementId: 'NoProd', effect: 'DENY' }] },
      context: {
        principal: { name: 'Theresa', arn: 'arn:aws:iam::111111111111:user/Theresa' },
        action: 'sts:AssumeRole',
        resource: 'arn:aws:iam::999999999999:role/UpdateApp',
      },
    });
    expect(decoded.context.principal.id).toMatch(/^AIDA/);

    const elsewhere = await cli(
      PRODUCTION,
      'sts',
      'decode-authorization-message',
      '--encoded-message',
      encoded,
    );
    expect(elsewhere.code).not.toBe(0);
    expect(elsewhere.stderr).toContain('InvalidAuthorizationMessageException');
  });
});

describe('trust policies as IAM stores them (aws CLI)', () => {
  it('an account id becomes the root ARN; a deleted user becomes its unique id', async () => {
    await iam(DEVELOPMENT).send(new CreateUserCommand({ UserName: 'Carlos' }));
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['111111111111', 'arn:aws:iam::111111111111:user/Carlos'] },
          Action: 'sts:AssumeRole',
        },
      ],
    });
    const created = await cli(
      PRODUCTION,
      'iam',
      'create-role',
      '--role-name',
      'Auditor',
      '--assume-role-policy-document',
      trust,
    );
    expect(created.stderr).toBe('');
    const principals = async () => {
      const run = await cli(PRODUCTION, 'iam', 'get-role', '--role-name', 'Auditor');
      return JSON.parse(run.stdout).Role.AssumeRolePolicyDocument.Statement[0].Principal.AWS;
    };
    expect(await principals()).toEqual([
      'arn:aws:iam::111111111111:root',
      'arn:aws:iam::111111111111:user/Carlos',
    ]);
    await iam(DEVELOPMENT).send(new DeleteUserCommand({ UserName: 'Carlos' }));
    const [root, carlos] = await principals();
    expect(root).toBe('arn:aws:iam::111111111111:root');
    expect(carlos).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });
});
