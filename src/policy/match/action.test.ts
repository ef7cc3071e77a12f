import { describe, expect, it } from 'vitest';
import { compileActionPattern } from './action.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
// Action names are not case-sensitive and take `*` / `?` wildcards.
describe('compileActionPattern', () => {
  it('`*` matches every action', () => {
    const match = compileActionPattern('*');
    expect(match('s3:GetObject')).toBe(true);
    expect(match('iam:CreateUser')).toBe(true);
  });

  it('matches case-insensitively', () => {
    expect(compileActionPattern('s3:GetObject')('S3:getobject')).toBe(true);
    expect(compileActionPattern('SQS:SendMessage')('sqs:SendMessage')).toBe(true);
    expect(compileActionPattern('s3:GetObject')('s3:GetObjectAcl')).toBe(false);
  });

  it('`s3:Get*` matches every s3 action that starts with Get', () => {
    const match = compileActionPattern('s3:Get*');
    expect(match('s3:GetObject')).toBe(true);
    expect(match('s3:GetBucketPolicy')).toBe(true);
    expect(match('s3:PutObject')).toBe(false);
    expect(match('ec2:GetConsoleOutput')).toBe(false);
  });

  it('`iam:*AccessKey*` and `iam:*User*` match inside the name', () => {
    expect(compileActionPattern('iam:*AccessKey*')('iam:CreateAccessKey')).toBe(true);
    expect(compileActionPattern('iam:*AccessKey*')('iam:ListAccessKeys')).toBe(true);
    expect(compileActionPattern('iam:*User*')('iam:CreateUser')).toBe(true);
    expect(compileActionPattern('iam:*User*')('iam:CreateRole')).toBe(false);
  });

  it('`?` stands for exactly one character', () => {
    const match = compileActionPattern('s3:?etObject');
    expect(match('s3:GetObject')).toBe(true);
    expect(match('s3:SetObject')).toBe(true);
    expect(match('s3:PutObject')).toBe(false);
  });
});
