// IAM ARN forms: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
import { describe, expect, it } from 'vitest';
import { assumedRoleArn, federatedUserArn, formatIamArn, parseIamArn, rootArn } from './iam-arn.js';

describe('IAM ARNs (reference_identifiers.html#identifiers-arns)', () => {
  it('puts the path between the type and the name', () => {
    expect(formatIamArn({ account: '123456789012', kind: 'user', name: 'Richard' })).toBe(
      'arn:aws:iam::123456789012:user/Richard',
    );
    expect(
      formatIamArn({
        account: '123456789012',
        kind: 'user',
        path: '/division_abc/subdivision_xyz/',
        name: 'Bob',
      }),
    ).toBe('arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob');
    expect(
      formatIamArn({ account: 'aws', kind: 'policy', path: '/job-function/', name: 'ViewOnlyAccess' }),
    ).toBe('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess');
  });

  it('reads entity ARNs back with their paths', () => {
    expect(parseIamArn('arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob')).toEqual({
      kind: 'user',
      partition: 'aws',
      account: '123456789012',
      path: '/division_abc/subdivision_xyz/',
      name: 'Bob',
    });
    expect(parseIamArn('arn:aws:iam::123456789012:role/S3Access')).toMatchObject({ kind: 'role', path: '/' });
    expect(parseIamArn('arn:aws:iam::123456789012:mfa/JaneMFA')).toMatchObject({
      kind: 'mfa',
      name: 'JaneMFA',
    });
    expect(parseIamArn('arn:aws:iam::aws:policy/AdministratorAccess')).toMatchObject({
      kind: 'policy',
      account: 'aws',
      name: 'AdministratorAccess',
    });
  });

  it('reads root, assumed-role and federated-user ARNs', () => {
    expect(parseIamArn(rootArn('123456789012'))).toEqual({
      kind: 'root',
      partition: 'aws',
      account: '123456789012',
    });
    expect(parseIamArn(assumedRoleArn('123456789012', 'Accounting-Role', 'Mary'))).toEqual({
      kind: 'assumed-role',
      partition: 'aws',
      account: '123456789012',
      roleName: 'Accounting-Role',
      sessionName: 'Mary',
    });
    expect(parseIamArn(federatedUserArn('123456789012', 'Bob'))).toMatchObject({
      kind: 'federated-user',
      name: 'Bob',
    });
  });

  it('refuses wildcards, other services, bad accounts and the aws account outside policies', () => {
    for (const text of [
      'arn:aws:iam::123456789012:user/*',
      'arn:aws:iam::123456789012:user/',
      'arn:aws:s3:::bucket',
      'arn:aws:iam::12345:user/Bob',
      'arn:aws:iam::aws:user/Bob',
      'arn:aws:iam::123456789012:widget/Bob',
      'arn:aws:iam:us-east-1:123456789012:user/Bob',
      'arn:aws:sts::123456789012:assumed-role/OnlyRole',
    ]) {
      expect(parseIamArn(text), text).toBeUndefined();
    }
  });
});
