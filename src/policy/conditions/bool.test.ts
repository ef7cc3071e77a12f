// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
import { describe, expect, it } from 'vitest';
import { lookupOperator } from './operators.js';
import { holds } from './test-fixture.js';

const OPS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';

describe(`Bool (${OPS}#Conditions_Boolean)`, () => {
  it('the SecureTransport example: denies requests not made over TLS', () => {
    expect(holds('Bool', 'aws:SecureTransport', 'false', { 'aws:SecureTransport': 'false' })).toBe(true);
    expect(holds('Bool', 'aws:SecureTransport', 'false', { 'aws:SecureTransport': 'true' })).toBe(false);
    expect(holds('Bool', 'aws:SecureTransport', 'false', {})).toBe(false);
  });

  it('reads true/false whatever their case; anything else never matches', () => {
    expect(
      holds('Bool', 'aws:MultiFactorAuthPresent', 'True', { 'aws:MultiFactorAuthPresent': 'true' }),
    ).toBe(true);
    expect(
      holds('Bool', 'aws:MultiFactorAuthPresent', 'true', { 'aws:MultiFactorAuthPresent': 'TRUE' }),
    ).toBe(true);
    expect(holds('Bool', 'aws:MultiFactorAuthPresent', 'true', { 'aws:MultiFactorAuthPresent': 'yes' })).toBe(
      false,
    );
  });

  it('takes a policy variable ("You can use a policy variable with the Boolean condition operator")', () => {
    const ctx = { 'aws:SecureTransport': 'true', 'aws:PrincipalTag/tls': 'true' };
    expect(holds('Bool', 'aws:SecureTransport', '${aws:PrincipalTag/tls}', ctx)).toBe(true);
    expect(
      holds('Bool', 'aws:SecureTransport', '${aws:PrincipalTag/tls}', { 'aws:SecureTransport': 'true' }),
    ).toBe(false);
  });

  it('rejects values other than true and false', () => {
    const op = lookupOperator('Bool');
    expect(op?.checkValue('yes')).toMatch(/`yes` is not a boolean/);
    expect(op?.checkValue('1')).toBeDefined();
    expect(op?.checkValue('FALSE')).toBeUndefined();
    expect(op?.checkValue('${aws:PrincipalTag/tls}')).toBeUndefined();
  });
});
