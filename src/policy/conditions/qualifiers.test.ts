import { describe, expect, it } from 'vitest';
import { splitQualifiers } from './qualifiers.js';
import { holds } from './test-fixture.js';

const OPS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';
const SVM =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html';
const MULTI =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html';

describe('splitQualifiers', () => {
  it('separates the set qualifier, the base and IfExists', () => {
    expect(splitQualifiers('ForAnyValue:StringLikeIfExists')).toEqual({
      set: 'ForAnyValue',
      base: 'StringLike',
      ifExists: true,
    });
    expect(splitQualifiers('ForAllValues:StringEquals')).toEqual({
      set: 'ForAllValues',
      base: 'StringEquals',
      ifExists: false,
    });
    expect(splitQualifiers('NumericLessThanIfExists')).toEqual({
      set: undefined,
      base: 'NumericLessThan',
      ifExists: true,
    });
    expect(splitQualifiers('forallvalues:StringEquals').set).toBeUndefined();
    expect(splitQualifiers('ForAllValues:ForAnyValue:StringEquals').base).toBe('ForAnyValue:StringEquals');
    expect(splitQualifiers('IfExists')).toEqual({ set: undefined, base: 'IfExists', ifExists: false });
  });
});

describe(`ForAllValues (${SVM})`, () => {
  const allowed = ['ID', 'Message', 'Tags'];

  it('the dynamodb:Attributes example: every requested attribute must be in the list', () => {
    expect(
      holds('ForAllValues:StringEquals', 'dynamodb:Attributes', allowed, {
        'dynamodb:Attributes': ['Message', 'Tags'],
      }),
    ).toBe(true);
    expect(
      holds('ForAllValues:StringEquals', 'dynamodb:Attributes', allowed, {
        'dynamodb:Attributes': ['ID', 'Message', 'UserName'],
      }),
    ).toBe(false);
  });

  it('the evaluation table: PostDateTime matches but UserName does not, so false', () => {
    const policy = ['PostDateTime', 'Message', 'Tags'];
    const request = { 'dynamodb:Attributes': ['PostDateTime', 'UserName'] };
    expect(holds('ForAllValues:StringEquals', 'dynamodb:Attributes', policy, request)).toBe(false);
    expect(
      holds('ForAllValues:StringEquals', 'dynamodb:Attributes', policy, {
        'dynamodb:Attributes': ['PostDateTime'],
      }),
    ).toBe(true);
  });

  it('is true when the key is missing or its set is empty', () => {
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['a'], {})).toBe(true);
    expect(holds('ForAllValues:StringEquals', 'aws:TagKeys', ['a'], { 'aws:TagKeys': [] })).toBe(true);
  });

  it('treats a single value as a one-element set', () => {
    expect(holds('ForAllValues:StringLike', 'aws:TagKeys', 'Created*', { 'aws:TagKeys': 'CreatedBy' })).toBe(
      true,
    );
    expect(holds('ForAllValues:StringLike', 'aws:TagKeys', 'Created*', { 'aws:TagKeys': 'Owner' })).toBe(
      false,
    );
  });

  it('with a negated operator, no request value may match any policy value', () => {
    const policy = ['DataClass', 'Owner'];
    const op = 'ForAllValues:StringNotEquals';
    expect(holds(op, 'aws:TagKeys', policy, {})).toBe(true);
    expect(holds(op, 'aws:TagKeys', policy, { 'aws:TagKeys': ['DataClass', 'Owner'] })).toBe(false);
    expect(holds(op, 'aws:TagKeys', policy, { 'aws:TagKeys': ['DataClass', 'Dept'] })).toBe(false);
    expect(holds(op, 'aws:TagKeys', policy, { 'aws:TagKeys': ['Dept'] })).toBe(true);
    expect(holds(op, 'aws:TagKeys', policy, { 'aws:TagKeys': ['Dept', 'SIC'] })).toBe(true);
    expect(holds(op, 'aws:TagKeys', policy, { 'aws:TagKeys': ['Dept', 'SIC', 'DataClass'] })).toBe(false);
  });
});

describe(`ForAnyValue (${SVM})`, () => {
  const denied = ['ID', 'PostDateTime'];

  it('the PutItem deny example: one matching attribute is enough', () => {
    const request = { 'dynamodb:Attributes': ['UserName', 'Message', 'PostDateTime'] };
    expect(holds('ForAnyValue:StringEquals', 'dynamodb:Attributes', denied, request)).toBe(true);
    expect(
      holds('ForAnyValue:StringEquals', 'dynamodb:Attributes', denied, {
        'dynamodb:Attributes': ['UserName'],
      }),
    ).toBe(false);
    expect(
      holds('ForAnyValue:StringEquals', 'dynamodb:Attributes', denied, {
        'dynamodb:Attributes': ['PostDateTime', 'Message'],
      }),
    ).toBe(true);
  });

  it('is false when the key is missing or its set is empty', () => {
    expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['a'], {})).toBe(false);
    expect(holds('ForAnyValue:StringEquals', 'aws:TagKeys', ['a'], { 'aws:TagKeys': [] })).toBe(false);
  });

  it('with a negated operator, at least one request value must match none of the policy values', () => {
    const policy = ['DataClass', 'Owner'];
    const op = 'ForAnyValue:StringNotEquals';
    expect(holds(op, 'aws:TagKeys', policy, {})).toBe(false);
    expect(holds(op, 'aws:TagKeys', policy, { 'aws:TagKeys': ['DataClass', 'Owner'] })).toBe(false);
    expect(holds(op, 'aws:TagKeys', policy, { 'aws:TagKeys': ['Dept', 'DataClass'] })).toBe(true);
    expect(holds(op, 'aws:TagKeys', policy, { 'aws:TagKeys': ['Dept', 'SIC'] })).toBe(true);
  });

  it('works with other families (ArnLike over a list of ARNs)', () => {
    const ctx = { 'aws:PrincipalServiceNamesList': ['ec2.amazonaws.com', 'ssm.amazonaws.com'] };
    expect(holds('ForAnyValue:StringLike', 'aws:PrincipalServiceNamesList', 'ssm.*', ctx)).toBe(true);
    const arns = { k: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] };
    expect(holds('ForAnyValue:ArnLike', 'k', 'arn:aws:s3:::b', arns)).toBe(true);
    expect(holds('ForAllValues:ArnLike', 'k', 'arn:aws:s3:::b', arns)).toBe(false);
  });
});

describe(`...IfExists (${OPS}#Conditions_IfExists)`, () => {
  const types = ['t1.*', 't2.*', 'm3.*'];

  it('the ec2:InstanceType example: true for resources without the key', () => {
    expect(holds('StringLikeIfExists', 'ec2:InstanceType', types, {})).toBe(true);
    expect(holds('StringLikeIfExists', 'ec2:InstanceType', types, { 'ec2:InstanceType': 't2.micro' })).toBe(
      true,
    );
    expect(holds('StringLikeIfExists', 'ec2:InstanceType', types, { 'ec2:InstanceType': 'c5.large' })).toBe(
      false,
    );
    // THISPOLICYDOESNOTWORK: without IfExists the key-less resources fail the condition.
    expect(holds('StringLike', 'ec2:InstanceType', types, {})).toBe(false);
  });

  it('negated IfExists operators are true when the key is missing', () => {
    expect(holds('StringNotEqualsIfExists', 'aws:ResourceTag/team', 'red', {})).toBe(true);
    expect(
      holds('StringNotEqualsIfExists', 'aws:ResourceTag/team', 'red', { 'aws:ResourceTag/team': 'red' }),
    ).toBe(false);
  });

  it('applies to every family', () => {
    expect(holds('NumericLessThanIfExists', 's3:max-keys', '10', {})).toBe(true);
    expect(holds('NumericLessThanIfExists', 's3:max-keys', '10', { 's3:max-keys': '11' })).toBe(false);
    expect(holds('DateGreaterThanIfExists', 'aws:TokenIssueTime', '2020-01-01', {})).toBe(true);
    expect(holds('BoolIfExists', 'aws:MultiFactorAuthPresent', 'true', {})).toBe(true);
    expect(holds('IpAddressIfExists', 'aws:SourceIp', '10.0.0.0/8', {})).toBe(true);
    expect(holds('ArnLikeIfExists', 'aws:SourceArn', 'arn:aws:s3:::x', {})).toBe(true);
    expect(holds('BinaryEqualsIfExists', 'k', 'QQ==', {})).toBe(true);
  });

  // ForAnyValue returns false for a missing key, IfExists or not; real AWS denies in this setup:
  // https://repost.aws/questions/QU9HFmDzP0QGuU-fd7rS6B7w
  it('with ForAnyValue, a missing key still fails the condition', () => {
    expect(holds('ForAnyValue:StringEqualsIfExists', 'aws:TagKeys', 'a', {})).toBe(false);
    expect(holds('ForAnyValue:StringEqualsIfExists', 'aws:TagKeys', 'a', { 'aws:TagKeys': ['a'] })).toBe(
      true,
    );
    expect(holds('ForAnyValue:StringEqualsIfExists', 'aws:TagKeys', 'a', { 'aws:TagKeys': ['b'] })).toBe(
      false,
    );
  });
});

describe(`single-valued operators (${OPS})`, () => {
  it('a missing key fails positive operators and satisfies negated ones', () => {
    // "If the key that you specify in a policy condition is not present in the request context, the
    // values do not match and the condition is false. If the policy condition requires that the key is
    // not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition is true."
    expect(holds('StringLike', 'k', '*', {})).toBe(false);
    expect(holds('ArnNotLike', 'k', 'arn:aws:s3:::*', {})).toBe(true);
    expect(holds('NumericNotEquals', 'k', '1', {})).toBe(true);
    expect(holds('DateNotEquals', 'k', '2020-01-01', {})).toBe(true);
    expect(holds('NotIpAddress', 'k', '10.0.0.0/8', {})).toBe(true);
    expect(holds('StringNotEquals', 'k', 'x', { k: [] })).toBe(true);
  });

  it(`several values are ORed; for negated operators none may match (${MULTI})`, () => {
    expect(holds('StringEquals', 'k', ['a', 'b', 'c'], { k: 'b' })).toBe(true);
    expect(holds('StringEquals', 'k', ['a', 'b', 'c'], { k: 'd' })).toBe(false);
    expect(holds('StringNotEquals', 'k', ['a', 'b', 'c'], { k: 'b' })).toBe(false);
    expect(holds('StringNotEquals', 'k', ['a', 'b', 'c'], { k: 'd' })).toBe(true);
    expect(holds('NotIpAddress', 'k', ['10.0.0.0/8', '192.168.0.0/16'], { k: '192.168.1.1' })).toBe(false);
  });

  it(`a multivalued request value needs a set qualifier ("Multivalued context keys require a condition set operator", ${SVM})`, () => {
    expect(holds('StringEquals', 'aws:TagKeys', ['a', 'b'], { 'aws:TagKeys': ['a', 'b'] })).toBe(false);
    expect(holds('StringNotEquals', 'aws:TagKeys', ['c'], { 'aws:TagKeys': ['a', 'b'] })).toBe(false);
    expect(holds('StringEqualsIfExists', 'aws:TagKeys', 'a', { 'aws:TagKeys': ['a', 'b'] })).toBe(false);
    // A one-element list reads as that value.
    expect(holds('StringEquals', 'aws:TagKeys', 'a', { 'aws:TagKeys': ['a'] })).toBe(true);
  });
});
