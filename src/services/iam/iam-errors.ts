// IAM's own error messages, reproduced exactly as AWS sends them. Sources: the messages quoted in public
// bug reports and in the snapshot tests of AWS emulators that record real AWS answers (LocalStack, moto).
// Each builder says which error shape it uses; the model gives the status and fault.
import { type AwsError, awsError } from '../../protocol/errors.js';
import type { PrincipalKind } from '../../store/records.js';

export function noSuchEntity(kind: PrincipalKind, name: string): AwsError {
  // "The user with name David cannot be found."
  return awsError('iam', 'NoSuchEntity', `The ${kind} with name ${name} cannot be found.`);
}

export function entityExists(kind: PrincipalKind, name: string): AwsError {
  // "User with name David already exists."
  const title = kind.charAt(0).toUpperCase() + kind.slice(1);
  return awsError('iam', 'EntityAlreadyExists', `${title} with name ${name} already exists.`);
}

export function policyExists(name: string): AwsError {
  return awsError(
    'iam',
    'EntityAlreadyExists',
    `A policy called ${name} already exists. Duplicate names are not allowed.`,
  );
}

export function noSuchPolicy(arn: string): AwsError {
  return awsError('iam', 'NoSuchEntity', `Policy ${arn} was not found.`);
}

/** Attach* and boundaries name a policy that is missing or lives in another account. */
export function notAttachable(arn: string): AwsError {
  return awsError('iam', 'NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
}

export function noSuchBoundary(arn: string): AwsError {
  return awsError('iam', 'NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`);
}

export function noSuchPolicyVersion(arn: string, versionId: string): AwsError {
  return awsError(
    'iam',
    'NoSuchEntity',
    `Policy ${arn} version ${versionId} does not exist or is not attachable.`,
  );
}

export function noSuchInlinePolicy(kind: PrincipalKind, name: string): AwsError {
  // "The role policy with name AWSLambdaBasicExecutionRole cannot be found."
  return awsError('iam', 'NoSuchEntity', `The ${kind} policy with name ${name} cannot be found.`);
}

export function noSuchAccessKey(id: string): AwsError {
  return awsError('iam', 'NoSuchEntity', `The Access Key with id ${id} cannot be found.`);
}

export function noSuchLoginProfile(userName: string): AwsError {
  return awsError('iam', 'NoSuchEntity', `Login Profile for User ${userName} cannot be found.`);
}

export function loginProfileExists(userName: string): AwsError {
  return awsError('iam', 'EntityAlreadyExists', `Login Profile for user ${userName} already exists.`);
}

export function noSuchMfaDevice(serialNumber: string): AwsError {
  return awsError(
    'iam',
    'NoSuchEntity',
    `VirtualMFADevice with serial number ${serialNumber} doesn't exist.`,
  );
}

export function invalidArn(arn: string): AwsError {
  return awsError('iam', 'InvalidInput', `ARN ${arn} is not valid.`);
}

export function deleteConflict(message: string): AwsError {
  return awsError('iam', 'DeleteConflict', message);
}

/** "Cannot exceed quota for AccessKeysPerUser: 2" */
export function quotaExceeded(quota: string, limit: number): AwsError {
  return awsError('iam', 'LimitExceeded', `Cannot exceed quota for ${quota}: ${limit}`);
}

export function malformedPolicy(message: string): AwsError {
  return awsError('iam', 'MalformedPolicyDocument', message);
}
