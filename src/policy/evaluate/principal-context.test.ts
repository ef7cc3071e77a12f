// Values from https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable
// and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
import { describe, expect, it } from 'vitest';
import { callerFromArn } from './caller-from-arn.js';
import { principalContext } from './principal-context.js';

const of = (arn: string) => {
  const caller = callerFromArn(arn);
  if (!caller) throw new Error(arn);
  return principalContext(caller);
};

describe('principalContext', () => {
  it('gives a user its ARN, account, type and user name', () => {
    expect(of('arn:aws:iam::123456789012:user/dev/alice')).toEqual({
      'aws:PrincipalArn': 'arn:aws:iam::123456789012:user/dev/alice',
      'aws:PrincipalAccount': '123456789012',
      'aws:PrincipalType': 'User',
      'aws:PrincipalIsAWSService': 'false',
      'aws:username': 'alice',
    });
  });

  it("gives a role session its role's ARN and no user name", () => {
    const keys = of('arn:aws:sts::999999999999:assumed-role/UpdateApp/David');
    expect(keys['aws:PrincipalArn']).toBe('arn:aws:iam::999999999999:role/UpdateApp');
    expect(keys['aws:PrincipalType']).toBe('AssumedRole');
    expect(keys['aws:username']).toBeUndefined();
    expect(keys['aws:userid']).toBeUndefined();
  });

  it('gives the root user its account id as userid, federated users account:name', () => {
    expect(of('arn:aws:iam::111111111111:root')['aws:userid']).toBe('111111111111');
    expect(of('arn:aws:sts::111111111111:federated-user/Bob')['aws:userid']).toBe('111111111111:Bob');
  });

  it('marks anonymous callers and service principals', () => {
    expect(of('*')).toEqual({ 'aws:userid': 'anonymous' });
    expect(of('ec2.amazonaws.com')).toEqual({
      'aws:PrincipalIsAWSService': 'true',
      'aws:PrincipalServiceName': 'ec2.amazonaws.com',
    });
  });
});
