import {
  CreateUserCommand,
  GetUserCommand,
  ListUsersCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  ExpiredTokenException,
  GetCallerIdentityCommand,
  MalformedPolicyDocumentException,
} from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { awsError, invalidAction, malformedInput } from '../errors.js';
import { loadModel } from '../model/load-model.js';
import type { ServiceName } from '../model/model-types.js';
import { checkInput } from '../shapes/check.js';
import { validationErrorFor } from '../shapes/render-validation.js';
import { serializeQueryError, serializeQueryResponse } from './serialize.js';
import { createSdkOracle } from './test-fixture.js';

// The reverse oracle: our XML, fed to the AWS SDK v3, must deserialize to the same values, or to the right
// error class with AWS's code and message.
// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#response-serialization

const oracle = createSdkOracle();
const requestId = '4a2e7c1f-1b9d-4c5e-8f0a-3d6b2e9c7a10';

function answer(service: ServiceName, operation: string, output: unknown): void {
  const model = loadModel(service);
  const op = model.operations.get(operation);
  if (!op) throw new Error(operation);
  oracle.respondWith(serializeQueryResponse(model, op, output, requestId));
}

const user = {
  Path: '/division_abc/',
  UserName: 'Bob',
  UserId: 'AIDAJQABLZS4A3QDU576Q',
  Arn: 'arn:aws:iam::123456789012:user/division_abc/Bob',
  CreateDate: new Date('2013-05-08T23:34:01Z'),
  PermissionsBoundary: {
    PermissionsBoundaryType: 'Policy',
    PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
  },
  Tags: [
    { Key: 'Department', Value: 'R&D <lab>' },
    { Key: 'Note', Value: 'quote " and \u00e9 and line\r\nbreak' },
  ],
};

describe('query serializer output read by the AWS SDK', () => {
  it('CreateUser', async () => {
    answer('iam', 'CreateUser', { User: user });
    const out = await oracle.iam.send(new CreateUserCommand({ UserName: 'Bob' }));
    expect(out.User).toEqual(user);
    expect(out.$metadata.requestId).toBe(requestId);
  });

  it('GetUser with PasswordLastUsed', async () => {
    const withLogin = { ...user, PasswordLastUsed: new Date('2024-02-29T12:00:59Z') };
    answer('iam', 'GetUser', { User: withLogin });
    const out = await oracle.iam.send(new GetUserCommand({}));
    expect(out.User).toEqual(withLogin);
  });

  it('ListUsers with IsTruncated and Marker', async () => {
    const second = {
      Path: '/',
      UserName: 'Alice',
      UserId: 'AIDAI',
      Arn: 'arn:aws:iam::1:user/Alice',
      CreateDate: new Date(0),
    };
    answer('iam', 'ListUsers', { Users: [user, second], IsTruncated: true, Marker: 'next+page/=' });
    const out = await oracle.iam.send(new ListUsersCommand({ MaxItems: 2 }));
    expect(out.Users).toEqual([user, second]);
    expect(out.IsTruncated).toBe(true);
    expect(out.Marker).toBe('next+page/=');
  });

  it('ListUsers with no users writes an empty list', async () => {
    answer('iam', 'ListUsers', { Users: [], IsTruncated: false });
    const out = await oracle.iam.send(new ListUsersCommand({}));
    expect(out.Users).toEqual([]);
    expect(out.IsTruncated).toBe(false);
  });

  it('AssumeRole', async () => {
    const output = {
      Credentials: {
        AccessKeyId: 'ASIAIOSFODNN7EXAMPLE',
        SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
        SessionToken: 'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW',
        Expiration: new Date('2026-11-23T21:00:00Z'),
      },
      AssumedRoleUser: {
        AssumedRoleId: 'AROA3XFRBF535PLBIFPI4:s3-access-example',
        Arn: 'arn:aws:sts::123456789012:assumed-role/xaccounts3access/s3-access-example',
      },
      PackedPolicySize: 8,
      SourceIdentity: 'david',
    };
    answer('sts', 'AssumeRole', output);
    const out = await oracle.sts.send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:role/r', RoleSessionName: 'ss' }),
    );
    expect({ ...out, $metadata: undefined }).toEqual({ ...output, $metadata: undefined });
  });

  it('GetCallerIdentity, in the exact form STS writes it', async () => {
    const output = { UserId: '123456789012', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' };
    answer('sts', 'GetCallerIdentity', output);
    const out = await oracle.sts.send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject(output);
    const op = loadModel('sts').operations.get('GetCallerIdentity');
    if (!op) throw new Error('model');
    expect(serializeQueryResponse(loadModel('sts'), op, output, 'r-1').body).toBe(
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n' +
        '  <GetCallerIdentityResult>\n' +
        '    <UserId>123456789012</UserId>\n' +
        '    <Account>123456789012</Account>\n' +
        '    <Arn>arn:aws:iam::123456789012:root</Arn>\n' +
        '  </GetCallerIdentityResult>\n' +
        '  <ResponseMetadata>\n' +
        '    <RequestId>r-1</RequestId>\n' +
        '  </ResponseMetadata>\n' +
        '</GetCallerIdentityResponse>\n',
    );
  });

  it('an operation without output writes only the metadata', () => {
    const model = loadModel('iam');
    const op = model.operations.get('DeleteUser');
    if (!op) throw new Error('model');
    const res = serializeQueryResponse(model, op, undefined, 'r-2');
    expect(res.body).not.toContain('DeleteUserResult');
    expect(res.body).toContain('<RequestId>r-2</RequestId>');
  });
});

describe('query errors read by the AWS SDK', () => {
  async function sdkError(
    service: ServiceName,
    send: () => Promise<unknown>,
    error: Parameters<typeof serializeQueryError>[1],
  ) {
    oracle.respondWith(serializeQueryError(loadModel(service), error, requestId));
    return send().then(
      () => {
        throw new Error('expected an error');
      },
      (e: unknown) =>
        e as Error & { $metadata: { httpStatusCode: number; requestId: string }; $fault: string },
    );
  }

  it('NoSuchEntity becomes NoSuchEntityException with status 404', async () => {
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetUser.html#API_GetUser_Errors
    const message = 'The user with name nobody cannot be found.';
    const e = await sdkError(
      'iam',
      () => oracle.iam.send(new GetUserCommand({ UserName: 'nobody' })),
      awsError('iam', 'NoSuchEntity', message),
    );
    expect(e).toBeInstanceOf(NoSuchEntityException);
    expect(e.message).toBe(message);
    expect(e.$metadata.httpStatusCode).toBe(404);
    expect(e.$metadata.requestId).toBe(requestId);
    expect(e.$fault).toBe('client');
  });

  it('ValidationError carries the rendered message', async () => {
    const model = loadModel('iam');
    const shape = model.operations.get('CreateUser')?.input;
    if (!shape) throw new Error('model');
    const error = validationErrorFor(checkInput(shape, { UserName: 'x y' }));
    if (!error) throw new Error('expected a failure');
    const e = await sdkError('iam', () => oracle.iam.send(new CreateUserCommand({ UserName: 'x y' })), error);
    expect(e.name).toBe('ValidationError');
    expect(e.message).toBe(
      "1 validation error detected: Value 'x y' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
    expect(e.$metadata.httpStatusCode).toBe(400);
  });

  it('STS errors map to their exception classes', async () => {
    const expired = await sdkError(
      'sts',
      () => oracle.sts.send(new GetCallerIdentityCommand({})),
      awsError('sts', 'ExpiredTokenException', 'The security token included in the request is expired'),
    );
    expect(expired).toBeInstanceOf(ExpiredTokenException);
    const malformed = await sdkError(
      'sts',
      () =>
        oracle.sts.send(
          new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:role/r', RoleSessionName: 'ss', Policy: '{' }),
        ),
      awsError('sts', 'MalformedPolicyDocument', 'The policy is not in the valid JSON format.'),
    );
    expect(malformed).toBeInstanceOf(MalformedPolicyDocumentException);
    expect(malformed.message).toBe('The policy is not in the valid JSON format.');
  });

  it('InvalidAction in the AWSFault namespace, and MalformedInput without a message', async () => {
    const invalid = await sdkError(
      'sts',
      () => oracle.sts.send(new GetCallerIdentityCommand({})),
      invalidAction('NoSuchAction', '2011-06-15'),
    );
    expect(invalid.name).toBe('InvalidAction');
    expect(invalid.message).toBe('Could not find operation NoSuchAction for version 2011-06-15');
    const body = serializeQueryError(loadModel('sts'), malformedInput(), 'r').body;
    expect(body).toContain('<Code>MalformedInput</Code>');
    expect(body).not.toContain('<Message>');
  });
});
