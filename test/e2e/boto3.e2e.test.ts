// boto3 (the machine's Python) against a started trustlab: botocore signs and parses as AWS expects.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT, PRODUCTION, type RunningTrustlab, startTrustlab } from './start-trustlab.js';

let lab: RunningTrustlab;
beforeAll(async () => {
  lab = await startTrustlab();
});
afterAll(() => lab.stop());

// The script prints one JSON object: what each call returned, or the error code and message it raised.
const script = `
import json, sys, boto3, botocore
url, dev_key, dev_secret, prod_key, prod_secret = sys.argv[1:6]
def client(service, key, secret, token=None):
    return boto3.client(service, endpoint_url=url, region_name='us-east-1', aws_access_key_id=key,
                        aws_secret_access_key=secret, aws_session_token=token)
def attempt(call):
    try:
        return call()
    except botocore.exceptions.ClientError as e:
        return {'Error': e.response['Error']['Code'], 'Message': e.response['Error']['Message']}
out = {}
prod_iam = client('iam', prod_key, prod_secret)
trust = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::111111111111:root'}, 'Action': 'sts:AssumeRole'}]})
prod_iam.create_role(RoleName='Deployer', AssumeRolePolicyDocument=trust)
out['role_trust'] = prod_iam.get_role(RoleName='Deployer')['Role']['AssumeRolePolicyDocument']
dev_iam = client('iam', dev_key, dev_secret)
dev_iam.create_user(UserName='Bob')
dev_iam.put_user_policy(UserName='Bob', PolicyName='assume', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'sts:AssumeRole', 'Resource': 'arn:aws:iam::999999999999:role/Deployer'}]}))
key = dev_iam.create_access_key(UserName='Bob')['AccessKey']
bob = client('sts', key['AccessKeyId'], key['SecretAccessKey'])
creds = bob.assume_role(RoleArn='arn:aws:iam::999999999999:role/Deployer', RoleSessionName='bob')['Credentials']
session = client('sts', creds['AccessKeyId'], creds['SecretAccessKey'], creds['SessionToken'])
out['session'] = session.get_caller_identity()['Arn']
out['duplicate'] = attempt(lambda: dev_iam.create_user(UserName='Bob'))
out['missing'] = attempt(lambda: dev_iam.get_user(UserName='Nobody'))
print(json.dumps(out))
`;

describe('boto3', () => {
  it('plays a cross-account role with IAM and STS and gets AWS errors back', async () => {
    const { stdout } = await promisify(execFile)('python3', [
      '-c',
      script,
      lab.url,
      DEVELOPMENT.key,
      DEVELOPMENT.secret,
      PRODUCTION.key,
      PRODUCTION.secret,
    ]);
    const out = JSON.parse(stdout);
    // boto3 returns the trust policy decoded from its URL-encoded form, as a dict.
    expect(out.role_trust).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' },
      ],
    });
    expect(out.session).toBe('arn:aws:sts::999999999999:assumed-role/Deployer/bob');
    expect(out.duplicate).toEqual({
      Error: 'EntityAlreadyExists',
      Message: 'User with name Bob already exists.',
    });
    expect(out.missing).toEqual({
      Error: 'NoSuchEntity',
      Message: 'The user with name Nobody cannot be found.',
    });
  });
});
