import {
  AttachUserPolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  SimulateCustomPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load-model.js';
import type { ServiceName } from '../model/model-types.js';
import { parseQueryRequest, type QueryParseResult } from './parse.js';
import { createSdkOracle } from './test-fixture.js';

// The real client is the oracle: the AWS SDK v3 serializes a request and our parser must read back the same
// input. https://smithy.io/2.0/aws/protocols/aws-query-protocol.html

const oracle = createSdkOracle();
oracle.respondWith({ status: 500, headers: {}, body: '' });

async function sendAndParse(service: ServiceName, command: { input: object }): Promise<QueryParseResult> {
  const client = service === 'iam' ? oracle.iam : oracle.sts;
  await (client.send as (c: unknown) => Promise<unknown>)(command).catch(() => undefined);
  return parseQueryRequest(loadModel(service), oracle.lastRequest());
}

async function expectRoundTrip(
  service: ServiceName,
  name: string,
  command: { input: object },
): Promise<void> {
  const result = await sendAndParse(service, command);
  if (result.kind !== 'operation') throw new Error(`expected an operation, got ${JSON.stringify(result)}`);
  expect(result.operation.name).toBe(name);
  expect(result.input).toEqual(command.input);
}

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/a b+c&d=e%f/*' }],
});

describe('query parser reads what the AWS SDK sends', () => {
  it('CreateUser with Path, PermissionsBoundary and a Tags list', async () => {
    await expectRoundTrip(
      'iam',
      'CreateUser',
      new CreateUserCommand({
        Path: '/division_abc/subdivision_xyz/',
        UserName: 'Bob+Smith=1,2.3@4-5',
        PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
        Tags: [
          { Key: 'Department', Value: 'Accounting + Finance' },
          { Key: 'Café', Value: '' },
        ],
      }),
    );
  });

  it('PutRolePolicy with a URL-encoded JSON policy document', async () => {
    await expectRoundTrip(
      'iam',
      'PutRolePolicy',
      new PutRolePolicyCommand({ RoleName: 'S3Access', PolicyName: 'read', PolicyDocument: policy }),
    );
  });

  it('CreateRole with an integer, a description and tags', async () => {
    await expectRoundTrip(
      'iam',
      'CreateRole',
      new CreateRoleCommand({
        RoleName: 'UpdateApp',
        AssumeRolePolicyDocument: policy,
        Path: '/',
        Description: 'Lets developers in 111111111111 update the app',
        MaxSessionDuration: 43200,
        PermissionsBoundary: 'arn:aws:iam::999999999999:policy/boundary',
        Tags: [{ Key: 'team', Value: 'dev' }],
      }),
    );
  });

  it('AttachUserPolicy', async () => {
    await expectRoundTrip(
      'iam',
      'AttachUserPolicy',
      new AttachUserPolicyCommand({ UserName: 'david', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
  });

  it('ListUsers with MaxItems and Marker', async () => {
    await expectRoundTrip(
      'iam',
      'ListUsers',
      new ListUsersCommand({ PathPrefix: '/dev/', MaxItems: 2, Marker: 'bWFya2VyPQ==' }),
    );
  });

  it('UpdateAccountPasswordPolicy with booleans', async () => {
    await expectRoundTrip(
      'iam',
      'UpdateAccountPasswordPolicy',
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 12,
        RequireSymbols: true,
        RequireNumbers: false,
        AllowUsersToChangePassword: true,
      }),
    );
  });

  it('SimulateCustomPolicy with a list of structures that hold lists', async () => {
    await expectRoundTrip(
      'iam',
      'SimulateCustomPolicy',
      new SimulateCustomPolicyCommand({
        PolicyInputList: [policy, policy],
        ActionNames: ['s3:GetObject', 's3:PutObject'],
        ResourceArns: ['arn:aws:s3:::bucket/key'],
        ContextEntries: [
          {
            ContextKeyName: 'aws:MultiFactorAuthPresent',
            ContextKeyValues: ['true'],
            ContextKeyType: 'boolean',
          },
          { ContextKeyName: 'aws:TagKeys', ContextKeyValues: ['a', 'b', 'c'], ContextKeyType: 'stringList' },
        ],
      }),
    );
  });

  it('AssumeRole with PolicyArns, Tags, TransitiveTagKeys and MFA', async () => {
    await expectRoundTrip(
      'sts',
      'AssumeRole',
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::999999999999:role/UpdateApp',
        RoleSessionName: 'david@example.com',
        PolicyArns: [
          { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
          { arn: 'arn:aws:iam::999999999999:policy/extra' },
        ],
        Policy: policy,
        DurationSeconds: 900,
        Tags: [
          { Key: 'Project', Value: 'Unicorn' },
          { Key: 'CostCenter', Value: '12345' },
        ],
        TransitiveTagKeys: ['Project'],
        ExternalId: 'Unique-ID:1234',
        SerialNumber: 'arn:aws:iam::111111111111:mfa/david',
        TokenCode: '123456',
        SourceIdentity: 'david',
      }),
    );
  });

  it('AssumeRole with an empty list, which botocore-style clients send as `Key=`', async () => {
    const model = loadModel('sts');
    const result = parseQueryRequest(model, {
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      body: 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A999999999999%3Arole%2Fr&RoleSessionName=s&RoleSessionName=x&TransitiveTagKeys=',
      query: '',
    });
    // `s` is too short (min 2): the first of duplicate parameters is the one AWS reads.
    expect(result).toMatchObject({ kind: 'error', error: { code: 'ValidationError' } });
    const ok = parseQueryRequest(model, {
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      body: 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A999999999999%3Arole%2Fr&RoleSessionName=ss&TransitiveTagKeys=',
      query: '',
    });
    expect(ok).toMatchObject({ kind: 'operation', input: { TransitiveTagKeys: [] } });
  });

  it('GetCallerIdentity, an operation without members', async () => {
    await expectRoundTrip('sts', 'GetCallerIdentity', new GetCallerIdentityCommand({}));
  });

  it('a GET request with the parameters in the URL', () => {
    const result = parseQueryRequest(loadModel('sts'), {
      method: 'GET',
      contentType: undefined,
      body: '',
      query: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(result).toMatchObject({ kind: 'operation', operation: { name: 'GetCallerIdentity' }, input: {} });
  });
});
