import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachUserPolicy } from './attachments.js';
import { getContextKeysForCustomPolicy, getContextKeysForPrincipalPolicy } from './context-keys.js';
import { addUserToGroup, createGroup } from './groups.js';
import {
  awsFailure,
  DENY_ASSUME_UPDATE_APP,
  DEVELOPMENT,
  type IamFixture,
  openIamFixture,
  PRODUCTION,
  READ_WRITE_APP_BUCKET,
  UPDATE_APP_TRUST,
} from './iam-test-fixture.js';
import { putGroupPolicy, putUserPolicy } from './inline-policies.js';
import { createPolicy } from './managed-policies.js';
import { createRole } from './roles.js';
import { simulateCustomPolicy, simulatePrincipalPolicy } from './simulate-policy.js';
import { createUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

// The aws CLI's own examples (awscli examples/iam/simulate-custom-policy.rst), answered by AWS.
const DYNAMO_AFTER_DATE =
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';
const at = (time: string) => [
  { ContextKeyName: 'aws:CurrentTime', ContextKeyValues: [time], ContextKeyType: 'date' as const },
];

// AdministratorAccess as AWS stores it: two-space indentation.
const ADMIN = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}`;

describe('SimulateCustomPolicy (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html)', () => {
  it('answers the CLI example as AWS did: statement positions 1:38 to 1:167', async () => {
    const out = await simulateCustomPolicy(
      {
        PolicyInputList: [DYNAMO_AFTER_DATE],
        ActionNames: ['dynamodb:CreateBackup'],
        ContextEntries: at('2019-04-25T11:00:00Z'),
      },
      f.root(),
    );
    expect(out).toEqual({
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
      IsTruncated: false,
    });
  });

  it('denies implicitly before the date, and names the key it was not given', async () => {
    const early = await simulateCustomPolicy(
      {
        PolicyInputList: [DYNAMO_AFTER_DATE],
        ActionNames: ['dynamodb:CreateBackup'],
        ContextEntries: at('2014-04-25T11:00:00Z'),
      },
      f.root(),
    );
    expect(early.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      MatchedStatements: [],
    });
    const none = await simulateCustomPolicy(
      { PolicyInputList: [DYNAMO_AFTER_DATE], ActionNames: ['dynamodb:CreateBackup', 's3:GetObject'] },
      f.root(),
    );
    expect(none.EvaluationResults?.map((r) => r.MissingContextValues)).toEqual([['aws:CurrentTime'], []]);
  });

  it('reports positions after `[` and after the previous statement, as in AdministratorAccess', async () => {
    const two =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}, {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}';
    const out = await simulateCustomPolicy(
      { PolicyInputList: [ADMIN, two], ActionNames: ['s3:DeleteObject', 'iam:ListUsers'] },
      f.root(),
    );
    const [deleted, listed] = out.EvaluationResults ?? [];
    expect(deleted?.EvalDecision).toBe('explicitDeny');
    // The deny is the only entry: "the deny statement is the only entry included in the result".
    expect(deleted?.MatchedStatements).toEqual([
      {
        SourcePolicyId: 'PolicyInputList.2',
        SourcePolicyType: 'IAM Policy',
        StartPosition: { Line: 1, Column: 87 },
        EndPosition: { Line: 1, Column: 148 },
      },
    ]);
    expect(listed?.MatchedStatements).toEqual([
      {
        SourcePolicyId: 'PolicyInputList.1',
        SourcePolicyType: 'IAM Policy',
        StartPosition: { Line: 3, Column: 17 },
        EndPosition: { Line: 8, Column: 6 },
      },
    ]);
  });

  it('gives one result per action over several resources, the most restrictive decision on top', async () => {
    const out = await simulateCustomPolicy(
      {
        PolicyInputList: [READ_WRITE_APP_BUCKET],
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::productionapp/a.txt', 'arn:aws:s3:::otherbucket/a.txt'],
      },
      f.root(),
    );
    expect(out.EvaluationResults).toHaveLength(1);
    const [result] = out.EvaluationResults ?? [];
    expect(result).toMatchObject({
      EvalResourceName: 'arn:aws:s3:::productionapp/a.txt',
      EvalDecision: 'implicitDeny',
      EvalDecisionDetails: {},
    });
    expect(result?.MatchedStatements?.map((s) => s.StartPosition)).toEqual([{ Line: 5, Column: 121 }]);
    expect(result?.ResourceSpecificResults?.map((r) => [r.EvalResourceName, r.EvalResourceDecision])).toEqual(
      [
        ['arn:aws:s3:::productionapp/a.txt', 'allowed'],
        ['arn:aws:s3:::otherbucket/a.txt', 'implicitDeny'],
      ],
    );
  });

  it('evaluates a resource policy for a CallerArn, cross-account with both sides detailed', async () => {
    const bucketPolicy = (principal: string) =>
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"${principal}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::productionapp/*"}]}`;
    const run = (principal: string, identity: string) =>
      simulateCustomPolicy(
        {
          PolicyInputList: [identity],
          ActionNames: ['s3:GetObject'],
          ResourceArns: ['arn:aws:s3:::productionapp/a.txt'],
          ResourcePolicy: bucketPolicy(principal),
          ResourceOwner: `arn:aws:iam::${PRODUCTION}:root`,
          CallerArn: `arn:aws:iam::${DEVELOPMENT}:user/David`,
        },
        f.root(DEVELOPMENT),
      );
    const allowed = (await run(`arn:aws:iam::${DEVELOPMENT}:user/David`, READ_WRITE_APP_BUCKET))
      .EvaluationResults?.[0];
    expect(allowed?.EvalDecision).toBe('allowed');
    expect(allowed?.MatchedStatements?.map((s) => s.SourcePolicyId)).toEqual([
      'PolicyInputList.1',
      'ResourcePolicy',
    ]);
    expect(allowed?.EvalDecisionDetails).toEqual({ 'IAM Policy': 'allowed', 'Resource Policy': 'allowed' });
    const other = (await run(`arn:aws:iam::${PRODUCTION}:root`, READ_WRITE_APP_BUCKET))
      .EvaluationResults?.[0];
    expect(other?.EvalDecision).toBe('implicitDeny');
  });

  it('needs an IAM user as caller when a resource policy is given, and refuses bad documents', async () => {
    const trust = {
      PolicyInputList: [READ_WRITE_APP_BUCKET],
      ActionNames: ['sts:AssumeRole'],
      ResourcePolicy: UPDATE_APP_TRUST,
    };
    expect(await awsFailure(simulateCustomPolicy(trust, f.root()))).toEqual({
      code: 'InvalidInput',
      status: 400,
      awsMessage: 'Invalid caller - Caller must be an IAM user in this context.',
    });
    expect(
      await awsFailure(
        simulateCustomPolicy({ ...trust, CallerArn: 'arn:aws:iam::111111111111:role/x' }, f.root()),
      ),
    ).toMatchObject({ code: 'InvalidInput' });
    expect(
      await awsFailure(
        simulateCustomPolicy({ PolicyInputList: ['{"Version":'], ActionNames: ['s3:GetObject'] }, f.root()),
      ),
    ).toEqual({ code: 'InvalidInput', status: 400, awsMessage: 'Syntax errors in policy.' });
  });

  it('pages by action with Marker and MaxItems', async () => {
    const input = {
      PolicyInputList: [ADMIN],
      ActionNames: ['s3:GetObject', 's3:PutObject', 'iam:GetUser'],
      MaxItems: 2,
    };
    const first = await simulateCustomPolicy(input, f.root());
    expect(first.EvaluationResults?.map((r) => r.EvalActionName)).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(first.IsTruncated).toBe(true);
    const rest = await simulateCustomPolicy({ ...input, Marker: first.Marker }, f.root());
    expect(rest.EvaluationResults?.map((r) => r.EvalActionName)).toEqual(['iam:GetUser']);
    expect(rest.IsTruncated).toBe(false);
  });
});

describe('SimulatePrincipalPolicy (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html)', () => {
  it("simulates Theresa with her group's deny and a managed allow", async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'Theresa' }, dev);
    await createGroup({ GroupName: 'Testers' }, dev);
    await addUserToGroup({ GroupName: 'Testers', UserName: 'Theresa' }, dev);
    await putGroupPolicy(
      { GroupName: 'Testers', PolicyName: 'deny-assume', PolicyDocument: DENY_ASSUME_UPDATE_APP },
      dev,
    );
    const { Policy } = await createPolicy({ PolicyName: 'everything', PolicyDocument: ADMIN }, dev);
    await attachUserPolicy({ UserName: 'Theresa', PolicyArn: Policy?.Arn ?? '' }, dev);
    await putUserPolicy(
      { UserName: 'Theresa', PolicyName: 'own', PolicyDocument: READ_WRITE_APP_BUCKET },
      dev,
    );

    const out = await simulatePrincipalPolicy(
      {
        PolicySourceArn: 'arn:aws:iam::111111111111:user/Theresa',
        ActionNames: ['sts:AssumeRole', 's3:ListAllMyBuckets'],
        ResourceArns: ['arn:aws:iam::999999999999:role/UpdateApp'],
      },
      dev,
    );
    const [assume, list] = out.EvaluationResults ?? [];
    expect(assume?.EvalDecision).toBe('explicitDeny');
    expect(assume?.MatchedStatements).toEqual([
      {
        SourcePolicyId: 'group_Testers_deny-assume',
        SourcePolicyType: 'IAM Policy',
        StartPosition: { Line: 3, Column: 17 },
        EndPosition: { Line: 3, Column: 120 },
      },
    ]);
    expect(list?.EvalDecision).toBe('allowed');
    expect(list?.MatchedStatements?.map((s) => s.SourcePolicyId).sort()).toEqual([
      'everything',
      'user_Theresa_own',
    ]);
  });

  it("applies the role's boundary, or the one passed instead", async () => {
    const prod = f.root(PRODUCTION);
    const { Policy } = await createPolicy(
      { PolicyName: 'bucket-only', PolicyDocument: READ_WRITE_APP_BUCKET },
      prod,
    );
    await createRole(
      { RoleName: 'UpdateApp', AssumeRolePolicyDocument: UPDATE_APP_TRUST, PermissionsBoundary: Policy?.Arn },
      prod,
    );
    const { Policy: admin } = await createPolicy({ PolicyName: 'admin', PolicyDocument: ADMIN }, prod);
    const { attachRolePolicy } = await import('./attachments.js');
    await attachRolePolicy({ RoleName: 'UpdateApp', PolicyArn: admin?.Arn ?? '' }, prod);
    const run = (extra = {}) =>
      simulatePrincipalPolicy(
        {
          PolicySourceArn: 'arn:aws:iam::999999999999:role/UpdateApp',
          ActionNames: ['iam:CreateUser', 's3:ListAllMyBuckets'],
          ...extra,
        },
        prod,
      );
    const [create, list] = (await run()).EvaluationResults ?? [];
    expect(create).toMatchObject({
      EvalDecision: 'implicitDeny',
      PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false },
    });
    expect(list).toMatchObject({
      EvalDecision: 'allowed',
      PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true },
    });
    const [created] = (await run({ PermissionsBoundaryPolicyInputList: [ADMIN] })).EvaluationResults ?? [];
    expect(created?.EvalDecision).toBe('allowed');
  });

  it('answers NoSuchEntity and InvalidInput for sources that are not there or not principals', async () => {
    const arn = 'arn:aws:iam::999999999999:user/Nobody';
    expect(
      await awsFailure(
        simulatePrincipalPolicy({ PolicySourceArn: arn, ActionNames: ['s3:GetObject'] }, f.root()),
      ),
    ).toEqual({
      code: 'NoSuchEntity',
      status: 404,
      awsMessage: 'The user with name Nobody cannot be found.',
    });
    expect(
      await awsFailure(
        simulatePrincipalPolicy(
          { PolicySourceArn: 'arn:aws:s3:::bucket', ActionNames: ['s3:GetObject'] },
          f.root(),
        ),
      ),
    ).toEqual({ code: 'InvalidInput', status: 400, awsMessage: 'ARN arn:aws:s3:::bucket is not valid.' });
  });
});

describe('GetContextKeysFor*Policy (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetContextKeysForCustomPolicy.html)', () => {
  it('lists the keys of the CLI example, variables first as written', async () => {
    const policy =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a policy variable, as the policy writes it.
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}}}';
    expect(await getContextKeysForCustomPolicy({ PolicyInputList: [policy] }, f.root())).toEqual({
      ContextKeyNames: ['aws:username', 'aws:CurrentTime'],
    });
    await createUser({ UserName: 'saanvi' }, f.root());
    await putUserPolicy({ UserName: 'saanvi', PolicyName: 'p', PolicyDocument: policy }, f.root());
    expect(
      await getContextKeysForPrincipalPolicy(
        { PolicySourceArn: 'arn:aws:iam::999999999999:user/saanvi' },
        f.root(),
      ),
    ).toEqual({ ContextKeyNames: ['aws:username', 'aws:CurrentTime'] });
  });
});
