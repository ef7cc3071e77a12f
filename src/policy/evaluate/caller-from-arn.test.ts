// Principal ARN forms: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
import { describe, expect, it } from 'vitest';
import { callerFromArn } from './caller-from-arn.js';

describe('callerFromArn', () => {
  it('reads users, with or without a path', () => {
    expect(callerFromArn('arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob')).toEqual({
      type: 'User',
      arn: 'arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob',
      account: '123456789012',
    });
    expect(callerFromArn('arn:aws:iam::123456789012:user/Bob')?.type).toBe('User');
  });

  it('reads assumed-role sessions and derives the role ARN', () => {
    expect(callerFromArn('arn:aws:sts::999999999999:assumed-role/UpdateApp/David-ProdUpdate')).toEqual({
      type: 'AssumedRole',
      arn: 'arn:aws:sts::999999999999:assumed-role/UpdateApp/David-ProdUpdate',
      account: '999999999999',
      roleArn: 'arn:aws:iam::999999999999:role/UpdateApp',
    });
  });

  it('reads the root user, federated users, anonymous and service principals', () => {
    expect(callerFromArn('arn:aws:iam::111111111111:root')).toEqual({
      type: 'Account',
      arn: 'arn:aws:iam::111111111111:root',
      account: '111111111111',
    });
    expect(callerFromArn('arn:aws:sts::111111111111:federated-user/Bob')?.type).toBe('FederatedUser');
    expect(callerFromArn('*')).toEqual({ type: 'Anonymous', arn: '*' });
    expect(callerFromArn('ec2.amazonaws.com')).toEqual({
      type: 'Service',
      arn: 'ec2.amazonaws.com',
      service: 'ec2.amazonaws.com',
    });
  });

  it('refuses what is not a principal', () => {
    for (const arn of [
      '',
      'arn:aws:iam::123:user/x',
      'arn:aws:iam::123456789012:role/R',
      'arn:aws:s3:::bucket',
      'bob',
    ]) {
      expect(callerFromArn(arn), arn).toBeUndefined();
    }
  });
});
