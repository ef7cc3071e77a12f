import { describe, expect, it } from 'vitest';
import { codesOf, lintStatements } from './test-lint.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
const trust = (Principal: unknown) => ({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' });

describe('check-principals', () => {
  it('accepts accounts, iam and sts principal arns, services, identity providers, canonical users', () => {
    const principal = {
      AWS: [
        '111122223333',
        'arn:aws:iam::111122223333:root',
        'arn:aws:iam::111122223333:role/path/App',
        'arn:aws:sts::111122223333:assumed-role/App/session',
        'AROAEXAMPLEEXAMPLE123',
      ],
      Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'],
      Federated: ['arn:aws:iam::111122223333:saml-provider/Okta', 'cognito-identity.amazonaws.com'],
      CanonicalUser: 'a'.repeat(64),
    };
    expect(lintStatements(trust(principal), 'trust')).toEqual([]);
  });

  it('reports malformed principals with the path of the value', () => {
    const findings = lintStatements(
      trust({
        AWS: ['arn:aws:iam::PRODUCTION:root', 'arn:aws:iam::111122223333:role/*', 'bob'],
        Service: 'EC2',
        Federated: 'arn:aws:iam::111122223333:user/x',
        CanonicalUser: 'xyz',
      }),
      'trust',
    );
    expect(codesOf(findings)).toEqual([
      'invalid-principal-arn',
      'unsupported-wildcard-in-principal',
      'invalid-principal-arn',
      'invalid-service-principal-format',
      'invalid-federated-principal',
      'invalid-canonical-user',
    ]);
    expect(findings[1]?.path).toBe('Statement[0].Principal.AWS[1]');
  });

  it('an RCP must use "Principal": "*"', () => {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
    const rcp = { Effect: 'Deny', Action: 's3:*', Resource: '*' };
    expect(lintStatements({ ...rcp, Principal: '*' }, 'rcp')).toEqual([]);
    expect(codesOf(lintStatements({ ...rcp, Principal: { AWS: '111122223333' } }, 'rcp'))).toEqual([
      'rcp-principal-must-be-wildcard',
    ]);
  });
});
