// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
import { describe, expect, it } from 'vitest';
import { holds } from './test-fixture.js';

const OPS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';
const COND = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html';
const VARS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html';

describe(`string operators (${OPS}#Conditions_String)`, () => {
  it('StringEquals is exact and case-sensitive: johndoe, not JohnDoe', () => {
    // COND: "only requests made by johndoe match. Users named JohnDoe are denied access."
    expect(holds('StringEquals', 'aws:username', 'johndoe', { 'aws:username': 'johndoe' })).toBe(true);
    expect(holds('StringEquals', 'aws:username', 'johndoe', { 'aws:username': 'JohnDoe' })).toBe(false);
    expect(holds('StringEquals', 'aws:username', 'johndoe', { 'aws:username': 'johndoe2' })).toBe(false);
  });

  it(`StringEqualsIgnoreCase matches johndoe and JohnDoe (${COND})`, () => {
    expect(holds('StringEqualsIgnoreCase', 'aws:username', 'johndoe', { 'aws:username': 'JohnDoe' })).toBe(
      true,
    );
    expect(holds('StringEqualsIgnoreCase', 'aws:username', 'JOHNDOE', { 'aws:username': 'johndoe' })).toBe(
      true,
    );
    expect(holds('StringEqualsIgnoreCase', 'aws:username', 'johndoe', { 'aws:username': 'jane' })).toBe(
      false,
    );
    expect(holds('StringNotEqualsIgnoreCase', 'aws:username', 'johndoe', { 'aws:username': 'JohnDoe' })).toBe(
      false,
    );
    expect(holds('StringNotEqualsIgnoreCase', 'aws:username', 'johndoe', { 'aws:username': 'jane' })).toBe(
      true,
    );
  });

  it(`condition key names are case-insensitive (${COND})`, () => {
    expect(holds('StringEquals', 'AWS:UserName', 'johndoe', { 'aws:username': 'johndoe' })).toBe(true);
  });

  it('the job-category example: a principal without the tag does not match', () => {
    const key = 'aws:PrincipalTag/job-category';
    expect(holds('StringEquals', key, 'iamuser-admin', { [key]: 'iamuser-admin' })).toBe(true);
    expect(holds('StringEquals', key, 'iamuser-admin', {})).toBe(false);
  });

  it('StringLike takes `*` and `?` anywhere and is case-sensitive', () => {
    expect(
      holds('StringLike', 'ec2:InstanceType', ['t1.*', 't2.*', 'm3.*'], { 'ec2:InstanceType': 't2.micro' }),
    ).toBe(true);
    expect(
      holds('StringLike', 'ec2:InstanceType', ['t1.*', 't2.*', 'm3.*'], { 'ec2:InstanceType': 'c5.large' }),
    ).toBe(false);
    expect(holds('StringLike', 'k', 'a?c', { k: 'abc' })).toBe(true);
    expect(holds('StringLike', 'k', 'A*', { k: 'abc' })).toBe(false);
    expect(holds('StringLike', 'k', 'abc', { k: 'abcd' })).toBe(false);
  });

  it('StringEquals does not treat `*` as a wildcard', () => {
    expect(holds('StringEquals', 'k', 'a*', { k: 'abc' })).toBe(false);
    expect(holds('StringEquals', 'k', 'a*', { k: 'a*' })).toBe(true);
  });

  it('negated operators hold when the request value matches none of the values', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
    const accounts = ['111122223333', '444455556666'];
    expect(
      holds('StringNotEquals', 'aws:PrincipalAccount', accounts, { 'aws:PrincipalAccount': '777788889999' }),
    ).toBe(true);
    expect(
      holds('StringNotEquals', 'aws:PrincipalAccount', accounts, { 'aws:PrincipalAccount': '444455556666' }),
    ).toBe(false);
    expect(holds('StringNotLike', 'k', ['a*', 'b*'], { k: 'cat' })).toBe(true);
    expect(holds('StringNotLike', 'k', ['a*', 'b*'], { k: 'bat' })).toBe(false);
  });

  it('a missing key: positive operators fail, negated ones hold', () => {
    expect(holds('StringLike', 'k', '*', {})).toBe(false);
    expect(holds('StringNotLike', 'k', 'x', {})).toBe(true);
    expect(holds('StringNotEquals', 'k', 'x', {})).toBe(true);
  });

  it('an empty string is a value (s3:prefix "" in the home-directory example)', () => {
    const prefixes = ['', 'home/', 'home/${aws:username}/'];
    expect(holds('StringLike', 's3:prefix', prefixes, { 's3:prefix': '', 'aws:username': 'David' })).toBe(
      true,
    );
    expect(
      holds('StringLike', 's3:prefix', prefixes, { 's3:prefix': 'home/', 'aws:username': 'David' }),
    ).toBe(true);
    expect(
      holds('StringLike', 's3:prefix', prefixes, { 's3:prefix': 'home/David/', 'aws:username': 'David' }),
    ).toBe(true);
    expect(
      holds('StringLike', 's3:prefix', prefixes, { 's3:prefix': 'home/Adele/', 'aws:username': 'David' }),
    ).toBe(false);
  });

  describe(`policy variables in values (${VARS})`, () => {
    it('StringLike `${aws:username}/*` follows the caller', () => {
      expect(
        holds('StringLike', 's3:prefix', '${aws:username}/*', {
          's3:prefix': 'David/a',
          'aws:username': 'David',
        }),
      ).toBe(true);
      expect(
        holds('StringLike', 's3:prefix', '${aws:username}/*', {
          's3:prefix': 'Adele/a',
          'aws:username': 'David',
        }),
      ).toBe(false);
    });

    it('a variable value is literal inside StringLike', () => {
      const ctx = { 'sns:endpoint': 'https://example.com/bob/', 'aws:username': '*' };
      expect(holds('StringLike', 'sns:endpoint', 'https://example.com/${aws:username}/', ctx)).toBe(false);
      const literal = { 'sns:endpoint': 'https://example.com/*/', 'aws:username': '*' };
      expect(holds('StringLike', 'sns:endpoint', 'https://example.com/${aws:username}/', literal)).toBe(true);
    });

    it('${*} in StringLike is a literal asterisk', () => {
      expect(holds('StringLike', 'k', 'a${*}', { k: 'abc' })).toBe(false);
      expect(holds('StringLike', 'k', 'a${*}', { k: 'a*' })).toBe(true);
    });

    it('StringEquals between two keys: s3:ExistingObjectTag/Team = ${aws:PrincipalTag/Team}', () => {
      const value = '${aws:PrincipalTag/Team}';
      const key = 's3:ExistingObjectTag/Team';
      expect(holds('StringEquals', key, value, { [key]: 'red', 'aws:PrincipalTag/Team': 'red' })).toBe(true);
      expect(holds('StringEquals', key, value, { [key]: 'red', 'aws:PrincipalTag/Team': 'blue' })).toBe(
        false,
      );
    });

    it('a variable with no value: positive operators do not match, negated ones do ("Policy variables with no value")', () => {
      const key = 's3:ExistingObjectTag/Team';
      const value = '${aws:PrincipalTag/Team}';
      expect(holds('StringEquals', key, value, { [key]: 'red' })).toBe(false);
      expect(holds('StringLike', key, value, { [key]: 'red' })).toBe(false);
      // The deny example: "Access is specifically denied when aws:principaltag/Team is not set."
      expect(holds('StringNotEquals', key, value, { [key]: 'red' })).toBe(true);
      expect(holds('StringNotLike', key, value, { [key]: 'red' })).toBe(true);
      expect(holds('StringNotEquals', key, value, { [key]: 'red', 'aws:PrincipalTag/Team': 'red' })).toBe(
        false,
      );
    });

    it('StringEqualsIgnoreCase with a variable folds both sides', () => {
      expect(
        holds('StringEqualsIgnoreCase', 'k', '${aws:username}', { k: 'DAVID', 'aws:username': 'david' }),
      ).toBe(true);
    });

    it('version 2008-10-17 compares `${...}` as text', () => {
      const ctx = { 's3:prefix': 'David/a', 'aws:username': 'David' };
      expect(holds('StringLike', 's3:prefix', '${aws:username}/*', ctx, '2008-10-17')).toBe(false);
      const literal = { 's3:prefix': '${aws:username}/a' };
      expect(holds('StringLike', 's3:prefix', '${aws:username}/*', literal, '2008-10-17')).toBe(true);
    });
  });

  it('finishes an adversarial StringLike quickly', () => {
    const started = performance.now();
    expect(holds('StringLike', 'k', '*a*a*a*a*a*a*b', { k: 'a'.repeat(10_000) })).toBe(false);
    expect(
      holds('StringLike', 'k', '${aws:username}*a*a*a*a*a*a*b', {
        k: 'a'.repeat(10_000),
        'aws:username': 'a',
      }),
    ).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
