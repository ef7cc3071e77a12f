// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
import { describe, expect, it } from 'vitest';
import { holds } from './test-fixture.js';

const OPS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';

describe(`ARN operators (${OPS}#Conditions_ARN)`, () => {
  const topic = 'arn:aws:sns:REGION:123456789012:TOPIC-ID';

  it('the SQS queue example: ArnEquals on aws:SourceArn', () => {
    expect(holds('ArnEquals', 'aws:SourceArn', topic, { 'aws:SourceArn': topic })).toBe(true);
    expect(holds('ArnEquals', 'aws:SourceArn', topic, { 'aws:SourceArn': `${topic}-2` })).toBe(false);
    // "If an IAM user attempts to perform this operation directly, the condition returns false"
    expect(holds('ArnEquals', 'aws:SourceArn', topic, {})).toBe(false);
  });

  it('ArnLike matches part by part where StringLike would match across colons', () => {
    const pattern = 'arn:aws:someservice:*:111122223333:finance/*';
    const value = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
    expect(holds('StringLike', 'aws:SourceArn', pattern, { 'aws:SourceArn': value })).toBe(true);
    expect(holds('ArnLike', 'aws:SourceArn', pattern, { 'aws:SourceArn': value })).toBe(false);
    expect(holds('ArnNotLike', 'aws:SourceArn', pattern, { 'aws:SourceArn': value })).toBe(true);
  });

  it('ArnEquals and ArnLike behave identically, wildcards included', () => {
    const ctx = { 'aws:SourceArn': 'arn:aws:s3:::my-bucket' };
    for (const op of ['ArnEquals', 'ArnLike']) {
      expect(holds(op, 'aws:SourceArn', 'arn:aws:s3:::my-*', ctx)).toBe(true);
      expect(holds(op, 'aws:SourceArn', 'arn:aws:s3:::other-*', ctx)).toBe(false);
    }
    for (const op of ['ArnNotEquals', 'ArnNotLike']) {
      expect(holds(op, 'aws:SourceArn', 'arn:aws:s3:::my-*', ctx)).toBe(false);
      expect(holds(op, 'aws:SourceArn', 'arn:aws:s3:::other-*', ctx)).toBe(true);
      expect(holds(op, 'aws:SourceArn', 'arn:aws:s3:::other-*', {})).toBe(true);
    }
  });

  it('is case-sensitive', () => {
    expect(
      holds('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/Admin', {
        'aws:PrincipalArn': 'arn:aws:iam::1:role/admin',
      }),
    ).toBe(false);
  });

  it('takes policy variables ("You can use a policy variable with the ARN condition operator")', () => {
    const ctx = { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:user/David', 'aws:username': 'David' };
    expect(holds('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:user/${aws:username}', ctx)).toBe(true);
    const other = { ...ctx, 'aws:username': 'Adele' };
    expect(holds('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:user/${aws:username}', other)).toBe(false);
    const missing = { 'aws:PrincipalArn': ctx['aws:PrincipalArn'] };
    expect(holds('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:user/${aws:username}', missing)).toBe(false);
    expect(holds('ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::*:user/${aws:username}', missing)).toBe(
      true,
    );
  });
});
