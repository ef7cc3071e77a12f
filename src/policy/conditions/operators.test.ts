import { describe, expect, it } from 'vitest';
import { baseOperatorNames, lookupOperator } from './operators.js';

const OPS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';

describe(`lookupOperator (${OPS})`, () => {
  it('knows every documented base operator', () => {
    expect(baseOperatorNames().sort()).toEqual(
      [
        'ArnEquals',
        'ArnLike',
        'ArnNotEquals',
        'ArnNotLike',
        'BinaryEquals',
        'Bool',
        'DateEquals',
        'DateGreaterThan',
        'DateGreaterThanEquals',
        'DateLessThan',
        'DateLessThanEquals',
        'DateNotEquals',
        'IpAddress',
        'NotIpAddress',
        'Null',
        'NumericEquals',
        'NumericGreaterThan',
        'NumericGreaterThanEquals',
        'NumericLessThan',
        'NumericLessThanEquals',
        'NumericNotEquals',
        'StringEquals',
        'StringEqualsIgnoreCase',
        'StringLike',
        'StringNotEquals',
        'StringNotEqualsIgnoreCase',
        'StringNotLike',
      ].sort(),
    );
  });

  it('describes a qualified operator', () => {
    const info = lookupOperator('ForAnyValue:StringNotLikeIfExists');
    expect(info).toMatchObject({
      name: 'ForAnyValue:StringNotLikeIfExists',
      base: 'StringNotLike',
      family: 'String',
      ifExists: true,
      set: 'ForAnyValue',
      negated: true,
    });
    expect(lookupOperator('NotIpAddress')).toMatchObject({
      family: 'IpAddress',
      negated: true,
      set: undefined,
    });
    expect(lookupOperator('Bool')).toMatchObject({ family: 'Boolean', negated: false });
  });

  it('is case-sensitive, qualifiers included (IAM: "Invalid Condition type : stringEquals")', () => {
    expect(lookupOperator('stringEquals')).toBeUndefined();
    expect(lookupOperator('STRINGEQUALS')).toBeUndefined();
    expect(lookupOperator('forAllValues:StringEquals')).toBeUndefined();
    expect(lookupOperator('StringEqualsIfexists')).toBeUndefined();
  });

  it('rejects unknown names', () => {
    expect(lookupOperator('StringStartsWith')).toBeUndefined();
    expect(lookupOperator('StringLikeIgnoreCase')).toBeUndefined();
    expect(lookupOperator('ForSomeValues:StringEquals')).toBeUndefined();
    expect(lookupOperator('')).toBeUndefined();
  });
});
