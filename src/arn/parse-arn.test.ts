// ARN format: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
import { describe, expect, it } from 'vitest';
import { formatArn, parseArn } from './parse-arn.js';

describe('parseArn (reference-arns.html)', () => {
  it('splits the five leading colons and keeps the rest as the resource', () => {
    expect(parseArn('arn:aws:s3:::my-bucket/a:b/c')).toEqual({
      partition: 'aws',
      service: 's3',
      region: '',
      account: '',
      resource: 'my-bucket/a:b/c',
    });
    expect(parseArn('arn:aws-us-gov:ec2:us-gov-west-1:123456789012:instance/i-1')?.region).toBe(
      'us-gov-west-1',
    );
  });

  it('refuses text that is not an ARN', () => {
    for (const text of [
      '',
      '*',
      'arn:aws:iam::123456789012',
      'arn:aws:iam::123456789012:',
      'ARN:aws:iam::1:root',
    ]) {
      expect(parseArn(text), text).toBeUndefined();
    }
    expect(parseArn('arn:AWS:iam::123456789012:root')).toBeUndefined();
  });

  it('formats back to the same text', () => {
    for (const text of [
      'arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob',
      'arn:aws:sts::123456789012:assumed-role/Accounting-Role/Mary',
      'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
      'arn:aws-cn:s3:::bucket',
    ]) {
      const arn = parseArn(text);
      expect(arn).toBeDefined();
      if (arn) expect(formatArn(arn)).toBe(text);
    }
  });
});
