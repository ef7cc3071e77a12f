import { describe, expect, it } from 'vitest';
import { codesOf, lintStatements, withCode } from './test-lint.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
const withActions = (Action: unknown) => ({ Effect: 'Allow', Action, Resource: '*' });

describe('check-actions', () => {
  it('accepts `*`, exact actions in any case and wildcards that match something', () => {
    expect(lintStatements(withActions(['s3:*']))).toEqual([]);
    expect(lintStatements(withActions(['S3:getobject', 'ec2:Describe*', 'iam:?etRole']))).toEqual([]);
  });

  it('needs service:action form, with one colon and no wildcard in the service', () => {
    const findings = lintStatements(
      withActions(['GetObject', 's3:', 's3:Get:Object', 's*:GetObject']),
      'identity',
      {
        catalogue: false,
      },
    );
    expect(codesOf(findings)).toEqual([
      'invalid-action-format',
      'invalid-action-format',
      'invalid-action-format',
      'wildcard-in-service-name',
    ]);
    expect(findings[0]?.path).toBe('Statement[0].Action[0]');
  });

  it('knows the services and actions of the catalogue, suggesting near names', () => {
    const findings = lintStatements(withActions(['s3:GetObjekt', 'ec3:RunInstances', 's3:Fly*']));
    expect(codesOf(findings)).toEqual(['invalid-action', 'invalid-service-in-action', 'invalid-action']);
    expect(findings[0]?.fix).toContain('`s3:GetObject`');
    expect(findings[1]?.fix).toContain('`ec2:RunInstances`');
  });

  it('without a catalogue, names are not checked', () => {
    expect(lintStatements(withActions(['s3:GetObjekt']), 'identity', { catalogue: false })).toEqual([]);
    expect(withCode(lintStatements(withActions('nope:Nope')), 'invalid-service-in-action')).toHaveLength(1);
  });
});
