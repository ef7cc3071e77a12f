import { describe, expect, it } from 'vitest';
import { lookupOperator } from './operators.js';
import { holds } from './test-fixture.js';

const OPS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';

describe(`Null (${OPS}#Conditions_Null)`, () => {
  it('the aws:TokenIssueTime example: `true` holds only for long-term credentials', () => {
    expect(holds('Null', 'aws:TokenIssueTime', 'true', {})).toBe(true);
    expect(
      holds('Null', 'aws:TokenIssueTime', 'true', { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' }),
    ).toBe(false);
  });

  it('`false` holds when the key is present', () => {
    expect(
      holds('Null', 'aws:TokenIssueTime', 'false', { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' }),
    ).toBe(true);
    expect(holds('Null', 'aws:TokenIssueTime', 'false', {})).toBe(false);
    expect(holds('Null', 'k', 'false', { k: '' })).toBe(true);
    expect(holds('Null', 'k', 'FALSE', { k: ['a', 'b'] })).toBe(true);
  });

  it('an empty list counts as absent (an empty data set)', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
    expect(holds('Null', 'aws:TagKeys', 'true', { 'aws:TagKeys': [] })).toBe(true);
    expect(holds('Null', 'aws:TagKeys', 'false', { 'aws:TagKeys': [] })).toBe(false);
  });

  it('has no IfExists form and no set qualifier', () => {
    // "You can add IfExists to the end of any condition operator name except the Null condition"
    expect(lookupOperator('NullIfExists')).toBeUndefined();
    expect(lookupOperator('ForAnyValue:Null')).toBeUndefined();
    expect(lookupOperator('Null')?.family).toBe('Null');
  });

  it('takes only true or false', () => {
    expect(lookupOperator('Null')?.checkValue('maybe')).toMatch(/`maybe` is not a boolean/);
    expect(lookupOperator('Null')?.checkValue('True')).toBeUndefined();
  });
});
