// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
import { describe, expect, it } from 'vitest';
import { buildContext } from '../context.js';
import { compileConditions } from './compile-conditions.js';
import { conditionEntry } from './test-fixture.js';

const MULTI =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html';

describe(`compileConditions (${MULTI})`, () => {
  const entries = [
    conditionEntry('StringEqualsIgnoreCase', 'aws:PrincipalTag/department', ['finance', 'hr', 'legal']),
    conditionEntry('StringEqualsIgnoreCase', 'aws:PrincipalTag/role', ['audit', 'security']),
    conditionEntry('StringEquals', 'aws:PrincipalAccount', '123456789012'),
  ];
  const compiled = compileConditions(entries, '2012-10-17');

  it('ANDs the entries of the worked example', () => {
    expect(compiled.problems).toEqual([]);
    const all = {
      'aws:PrincipalTag/department': 'HR',
      'aws:PrincipalTag/role': 'audit',
      'aws:PrincipalAccount': '123456789012',
    };
    expect(compiled.test(buildContext(all))).toBe(true);
    expect(compiled.test(buildContext({ ...all, 'aws:PrincipalTag/role': 'dev' }))).toBe(false);
    expect(compiled.test(buildContext({ ...all, 'aws:PrincipalAccount': '999999999999' }))).toBe(false);
    const { 'aws:PrincipalTag/department': _, ...noDepartment } = all;
    expect(compiled.test(buildContext(noDepartment))).toBe(false);
  });

  it('an empty Condition block always holds', () => {
    expect(compileConditions([], '2012-10-17').test(buildContext({}))).toBe(true);
  });

  it('reports an unknown operator and never holds', () => {
    const bad = conditionEntry('StringEqualz', 'aws:username', 'bob');
    const result = compileConditions([bad], '2012-10-17');
    expect(result.problems).toEqual([{ entry: bad, message: 'unknown condition operator `StringEqualz`' }]);
    expect(result.test(buildContext({ 'aws:username': 'bob' }))).toBe(false);
  });

  it('points at the right spelling when only the case is wrong', () => {
    const result = compileConditions([conditionEntry('stringEquals', 'k', 'v')], '2012-10-17');
    expect(result.problems[0]?.message).toMatch(/case-sensitive: `StringEquals`/);
  });

  it('explains that Null takes no IfExists', () => {
    const result = compileConditions([conditionEntry('NullIfExists', 'k', 'true')], '2012-10-17');
    expect(result.problems[0]?.message).toMatch(/`Null` takes no IfExists/);
  });

  it('reports every value an operator rejects, and the statement never holds', () => {
    const entry = conditionEntry('NumericLessThan', 's3:max-keys', ['abc', '10', 'x1']);
    const result = compileConditions([entry], '2012-10-17');
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^`abc` is not a number/),
      expect.stringMatching(/^`x1` is not a number/),
    ]);
    expect(result.test(buildContext({ 's3:max-keys': '5' }))).toBe(false);
  });

  it('reads JSON numbers and booleans by their text', () => {
    const result = compileConditions(
      [
        conditionEntry('NumericLessThanEquals', 's3:max-keys', '10'),
        conditionEntry('Bool', 'aws:SecureTransport', 'true'),
      ],
      '2012-10-17',
    );
    expect(result.problems).toEqual([]);
    expect(result.test(buildContext({ 's3:max-keys': '10', 'aws:SecureTransport': 'true' }))).toBe(true);
  });

  it('a Bool variable is text in version 2008-10-17, so it is rejected there', () => {
    const result = compileConditions(
      [conditionEntry('Bool', 'aws:SecureTransport', '${aws:PrincipalTag/x}')],
      '2008-10-17',
    );
    expect(result.problems).toHaveLength(1);
  });
});
