// Forms from https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
import { describe, expect, it } from 'vitest';
import { accessDeniedMessage, policyArnFromRef } from './messages.js';

const base = {
  principal: 'arn:aws:iam::111111111111:user/Theresa',
  action: 'sts:AssumeRole',
  resource: 'arn:aws:iam::999999999999:role/UpdateApp',
};

describe('accessDeniedMessage', () => {
  it('writes the explicit identity-based deny of the tutorial', () => {
    expect(accessDeniedMessage({ ...base, side: 'identity', kind: 'explicit' })).toBe(
      'User: arn:aws:iam::111111111111:user/Theresa is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::999999999999:role/UpdateApp with an explicit deny in an identity-based policy',
    );
  });

  it('writes implicit denies as "because no <type> allows the <action> action"', () => {
    const phrases = {
      identity: 'no identity-based policy',
      resource: 'no resource-based policy',
      permissionsBoundary: 'no permissions boundary',
      session: 'no session policy',
    } as const;
    for (const [side, phrase] of Object.entries(phrases)) {
      expect(
        accessDeniedMessage({
          ...base,
          action: 's3:GetObject',
          side: side as keyof typeof phrases,
          kind: 'implicit',
        }),
      ).toMatch(new RegExp(`because ${phrase} allows the s3:GetObject action$`));
    }
  });

  it('names the role trust policy for the AssumeRole family', () => {
    expect(accessDeniedMessage({ ...base, side: 'resource', kind: 'implicit', trustPolicy: true })).toMatch(
      /because no role trust policy allows the sts:AssumeRole action$/,
    );
    expect(accessDeniedMessage({ ...base, side: 'resource', kind: 'explicit', trustPolicy: true })).toMatch(
      /with an explicit deny in the role trust policy$/,
    );
  });

  it('reports an SCP without allow as an explicit deny in a service control policy, as the page notes', () => {
    expect(accessDeniedMessage({ ...base, side: 'scp', kind: 'implicit' })).toMatch(
      /with an explicit deny in a service control policy$/,
    );
    expect(accessDeniedMessage({ ...base, side: 'rcp', kind: 'explicit' })).toMatch(
      /with an explicit deny in a resource control policy$/,
    );
  });

  // https://aws.amazon.com/blogs/security/enhanced-access-denied-error-messages-with-policy-arns/
  it('appends the denying policy ARN to explicit denies only', () => {
    const policyArn =
      'arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd';
    expect(accessDeniedMessage({ ...base, side: 'scp', kind: 'explicit', policyArn })).toMatch(
      new RegExp(`with an explicit deny in a service control policy: ${policyArn}$`),
    );
    expect(accessDeniedMessage({ ...base, side: 'scp', kind: 'implicit', policyArn })).not.toContain(
      policyArn,
    );
  });

  it('leaves out "on resource" when there is no resource', () => {
    expect(accessDeniedMessage({ ...base, resource: '', side: 'identity', kind: 'implicit' })).toBe(
      'User: arn:aws:iam::111111111111:user/Theresa is not authorized to perform: sts:AssumeRole because no identity-based policy allows the sts:AssumeRole action',
    );
  });
});

describe('policyArnFromRef', () => {
  it('accepts managed and organization policy ARNs, not inline policy ids', () => {
    expect(policyArnFromRef({ id: 'arn:aws:iam::aws:policy/PowerUserAccess' })).toBe(
      'arn:aws:iam::aws:policy/PowerUserAccess',
    );
    expect(policyArnFromRef({ id: 'arn:aws:iam::123456789012:policy/path/Mine' })).toBeDefined();
    expect(policyArnFromRef({ id: 'user/David/inline/allow-x' })).toBeUndefined();
    expect(policyArnFromRef({ id: 'arn:aws:iam::123456789012:role/R' })).toBeUndefined();
  });
});
