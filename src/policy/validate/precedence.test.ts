import { describe, expect, it } from 'vitest';
import { lintPolicy } from './lint-policy.js';
import type { PolicyKind } from './policy-kind.js';
import { iamMalformedMessage } from './precedence.js';
import { catalogue } from './test-lint.js';

// IAM's MalformedPolicyDocument messages as IAM returns them (quoted in public reports, see aws-messages.ts).
const message = (text: string, kind: PolicyKind = 'identity') =>
  iamMalformedMessage(lintPolicy(text, { kind, catalogue }));
const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

describe('iamMalformedMessage', () => {
  it('is undefined for a policy IAM stores, even with Access Analyzer errors', () => {
    expect(message(policy({ Effect: 'Allow', Action: 's3:NoSuchAction', Resource: '*' }))).toBeUndefined();
  });

  it('reproduces IAM messages', () => {
    expect(message('{"Statement": [')).toBe('Syntax errors in policy.');
    expect(message(policy({ Effect: 'Allow', Action: 's3:GetObject' }))).toBe(
      'Policy statement must contain resources.',
    );
    expect(message(policy({ Effect: 'Allow', Resource: '*' }))).toBe(
      'Policy statement must contain actions.',
    );
    expect(message(policy({ Effect: 'Allow', Action: [], Resource: '*' }))).toBe(
      'Policy statement must contain actions.',
    );
    expect(message(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'bucket' }))).toBe(
      'Resource bucket must be in ARN format or "*".',
    );
    expect(
      message(policy({ Effect: 'Allow', Principal: { AWS: 'bob' }, Action: 'sts:AssumeRole' }), 'trust'),
    ).toBe('Invalid principal in policy: "AWS":"bob"');
    expect(
      message(policy({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }), 'trust'),
    ).toBe('Has prohibited field Resource');
    expect(message(policy({ Sid: 'a-b', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }))).toBe(
      'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
    );
    expect(message(policy({ Effect: 'Allow', Action: 'GetObject', Resource: '*' }))).toBe(
      'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    );
    expect(
      message(
        policy({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { stringEquals: { 'aws:username': 'a' } },
        }),
      ),
    ).toBe('Invalid Condition type : stringEquals');
  });

  it('picks by precedence, not by position', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'bucket' },
        { Effect: 'Allow', Action: 's3:GetObject' },
      ],
    });
    expect(message(text)).toBe('Policy statement must contain resources.');
  });
});
