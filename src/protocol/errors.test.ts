import { describe, expect, it } from 'vitest';
import { AwsError, accessDenied, awsError, internalError, invalidAction } from './errors.js';

describe('awsError', () => {
  it('takes status and fault from the model’s error shape', () => {
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html#API_CreateUser_Errors
    expect(awsError('iam', 'EntityAlreadyExists', 'User with name bob already exists.')).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      fault: 'Sender',
      awsMessage: 'User with name bob already exists.',
    });
    expect(awsError('iam', 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2')).toMatchObject({
      status: 409,
    });
    expect(awsError('iam', 'ServiceFailure')).toMatchObject({ status: 500, fault: 'Receiver' });
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html#API_AssumeRole_Errors
    expect(awsError('sts', 'PackedPolicyTooLarge', 'x')).toMatchObject({
      code: 'PackedPolicyTooLarge',
      status: 400,
    });
    expect(awsError('s3', 'NoSuchBucket', 'The specified bucket does not exist')).toMatchObject({
      status: 404,
    });
  });

  it('is an Error, and refuses codes the model does not declare', () => {
    expect(awsError('iam', 'NoSuchEntity', 'm')).toBeInstanceOf(AwsError);
    expect(() => awsError('iam', 'Nope' as never)).toThrow(/no error Nope/);
  });

  it('builds the common errors', () => {
    expect(internalError()).toMatchObject({ code: 'InternalFailure', status: 500, fault: 'Receiver' });
    expect(invalidAction('X', undefined).awsMessage).toBe(
      'Could not find operation X for version NO_VERSION_SPECIFIED',
    );
    expect(accessDenied('User: arn is not authorized')).toMatchObject({
      code: 'AccessDenied',
      status: 403,
      fault: 'Sender',
    });
  });
});
