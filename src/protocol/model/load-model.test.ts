import { describe, expect, it } from 'vitest';
import { iamOperationNames } from '../generated/iam.js';
import { s3OperationNames } from '../generated/s3.js';
import { stsOperationNames } from '../generated/sts.js';
import { loadModel } from './load-model.js';

// The vendored botocore models (models/NOTICE), read into a typed view.

describe('loadModel', () => {
  it('reads each model once', () => {
    expect(loadModel('iam')).toBe(loadModel('iam'));
  });

  it('IAM: query protocol, namespace, operations with result wrappers and errors', () => {
    const iam = loadModel('iam');
    expect(iam).toMatchObject({
      apiVersion: '2010-05-08',
      protocol: 'query',
      xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
    });
    const createUser = iam.operations.get('CreateUser');
    expect(createUser?.resultWrapper).toBe('CreateUserResult');
    expect([...(createUser?.input?.members.keys() ?? [])]).toEqual([
      'Path',
      'UserName',
      'PermissionsBoundary',
      'Tags',
    ]);
    expect(createUser?.input?.required.has('UserName')).toBe(true);
    expect(createUser?.errors.map((e) => e.code)).toContain('EntityAlreadyExists');
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetUser.html#API_GetUser_Errors
    expect(iam.errors.get('NoSuchEntity')).toMatchObject({ status: 404, fault: 'Sender' });
    expect(iam.errors.get('ServiceFailure')).toMatchObject({ status: 500, fault: 'Receiver' });
  });

  it('resolves traits: min/max, pattern, enum, sensitive, list members', () => {
    const sts = loadModel('sts');
    const input = sts.operations.get('AssumeRole')?.input;
    const session = input?.members.get('RoleSessionName')?.shape;
    expect(session).toMatchObject({ type: 'string', min: 2, max: 64, pattern: { source: '[\\w+=,.@-]*' } });
    const policyArns = input?.members.get('PolicyArns')?.shape;
    expect(policyArns?.type === 'list' && policyArns.member.shape.name).toBe('PolicyDescriptorType');
    const iam = loadModel('iam');
    expect(iam.shapes.get('statusType')).toMatchObject({ enum: ['Active', 'Inactive', 'Expired'] });
    expect(iam.shapes.get('passwordType')?.sensitive).toBe(true);
  });

  it('S3: rest-xml traits such as location, locationName and flattened', () => {
    const s3 = loadModel('s3');
    expect(s3.protocol).toBe('rest-xml');
    const getObject = s3.operations.get('GetObject');
    expect(getObject?.http).toMatchObject({ method: 'GET' });
    expect(getObject?.input?.members.get('Bucket')).toMatchObject({
      location: 'uri',
      locationName: 'Bucket',
    });
    const contents = s3.operations.get('ListObjectsV2')?.output?.members.get('Contents')?.shape;
    expect(contents).toMatchObject({ type: 'list', flattened: true });
    expect(s3.errors.get('NoSuchKey')).toMatchObject({ status: 404, fault: 'Sender' });
  });

  it('the generated operation tables match the models (regenerate with scripts/gen-models.ts)', () => {
    expect([...iamOperationNames]).toEqual([...loadModel('iam').operations.keys()]);
    expect([...stsOperationNames]).toEqual([...loadModel('sts').operations.keys()]);
    expect([...s3OperationNames]).toEqual([...loadModel('s3').operations.keys()]);
  });
});
