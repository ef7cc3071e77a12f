// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimals, parseDecimal } from './numeric.js';
import { lookupOperator } from './operators.js';
import { holds } from './test-fixture.js';

const OPS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';

describe(`numeric operators (${OPS}#Conditions_Numeric)`, () => {
  it('s3:max-keys up to 10 (NumericLessThanEquals)', () => {
    expect(holds('NumericLessThanEquals', 's3:max-keys', '10', { 's3:max-keys': '10' })).toBe(true);
    expect(holds('NumericLessThanEquals', 's3:max-keys', '10', { 's3:max-keys': '9' })).toBe(true);
    expect(holds('NumericLessThanEquals', 's3:max-keys', '10', { 's3:max-keys': '11' })).toBe(false);
    expect(holds('NumericLessThanEquals', 's3:max-keys', '10', {})).toBe(false);
  });

  it.each([
    ['NumericEquals', '10', '10', true],
    ['NumericEquals', '10', '10.0', true],
    ['NumericEquals', '10', '010', true],
    ['NumericEquals', '10', '11', false],
    ['NumericNotEquals', '10', '11', true],
    ['NumericNotEquals', '10', '10.00', false],
    ['NumericLessThan', '10', '9.99', true],
    ['NumericLessThan', '10', '10', false],
    ['NumericLessThan', '-1.5', '-2', true],
    ['NumericLessThan', '0', '-0', false],
    ['NumericGreaterThan', '1.5', '1.50001', true],
    ['NumericGreaterThan', '1.5', '1.5', false],
    ['NumericGreaterThanEquals', '1.5', '1.5', true],
    ['NumericGreaterThanEquals', '-3', '-4', false],
    ['NumericGreaterThan', '99999999999999999998', '99999999999999999999', true],
    ['NumericEquals', '1000', '1e3', true],
    ['NumericEquals', '0.0015', '1.5E-3', true],
    ['NumericEquals', '0.5', '.5', true],
    ['NumericEquals', '5', '+5.', true],
    ['NumericLessThan', '1e-9', '0', true],
  ])('%s %s with request %s: %s', (operator, policy, request, expected) => {
    expect(holds(operator, 'k', policy, { k: request })).toBe(expected);
  });

  it('a request value that is not a number matches nothing', () => {
    expect(holds('NumericEquals', 'k', '10', { k: 'ten' })).toBe(false);
    expect(holds('NumericLessThan', 'k', '10', { k: '' })).toBe(false);
  });

  it('rejects policy values that are not numbers', () => {
    const op = lookupOperator('NumericLessThan');
    expect(op?.checkValue('abc')).toMatch(/`abc` is not a number/);
    expect(op?.checkValue('')).toBeDefined();
    expect(op?.checkValue('1,000')).toBeDefined();
    expect(op?.checkValue('.')).toBeDefined();
    expect(op?.checkValue('1e')).toBeDefined();
    expect(op?.checkValue(' 1')).toBeDefined();
    expect(op?.checkValue('0x10')).toBeDefined();
    expect(op?.checkValue('${aws:username}')).toBeDefined();
    expect(op?.checkValue('10')).toBeUndefined();
    expect(op?.checkValue('-2.5')).toBeUndefined();
  });
});

describe('compareDecimals', () => {
  it('orders like the numbers for values that floating point represents exactly', () => {
    const cents = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => (n / 4).toString());
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        const order = compareDecimals(parseDecimal(a) as never, parseDecimal(b) as never);
        expect(order).toBe(Math.sign(Number(a) - Number(b)));
      }),
      { numRuns: 2000 },
    );
  });
});
