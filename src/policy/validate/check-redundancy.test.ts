import { describe, expect, it } from 'vitest';
import { codesOf, lintStatements } from './test-lint.js';

// Suggestions – Redundant action / resource / statement:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
describe('check-redundancy', () => {
  it('an action covered by a wildcard, or listed twice', () => {
    const findings = lintStatements({
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:Get*', 's3:get*', 's3:GetObject'],
      Resource: '*',
    });
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['redundant-action', 'Statement[0].Action[0]'],
      ['redundant-action', 'Statement[0].Action[2]'],
      ['redundant-action', 'Statement[0].Action[3]'],
    ]);
  });

  it('a wildcard action whose actions are all covered by another (catalogue)', () => {
    expect(
      codesOf(
        lintStatements({ Effect: 'Allow', Action: ['s3:GetObjectT*', 's3:GetObject*'], Resource: '*' }),
      ),
    ).toEqual(['redundant-action']);
  });

  it('a resource covered by a wildcard resource (case-sensitive)', () => {
    const findings = lintStatements({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/logs/*', 'arn:aws:s3:::B/x'],
    });
    expect(findings.map((f) => [f.code, f.value])).toEqual([['redundant-resource', 'arn:aws:s3:::b/logs/*']]);
  });

  it('identical statements, whatever the order of their values and their Sid', () => {
    const a = {
      Sid: 'A',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: 'arn:aws:s3:::b/*',
    };
    const b = {
      Sid: 'B',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:GetObject'],
      Resource: ['arn:aws:s3:::b/*'],
    };
    expect(codesOf(lintStatements([a, b]))).toEqual(['redundant-statement']);
    expect(lintStatements([a, { ...b, Effect: 'Deny' }])).toEqual([]);
  });
});
