import { describe, expect, it } from 'vitest';
import { lookupOperator } from './operators.js';
import { holds } from './test-fixture.js';

const OPS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';

describe(`BinaryEquals (${OPS}#Conditions_BinaryEquals)`, () => {
  it('compares the bytes behind base64 values', () => {
    const policy = 'QmluYXJ5VmFsdWVJbkJhc2U2NA==';
    expect(holds('BinaryEquals', 'key', policy, { key: btoa('BinaryValueInBase64') })).toBe(true);
    expect(holds('BinaryEquals', 'key', policy, { key: btoa('BinaryValueInBase65') })).toBe(false);
    expect(holds('BinaryEquals', 'key', policy, { key: 'not base64!' })).toBe(false);
    expect(holds('BinaryEquals', 'key', policy, {})).toBe(false);
  });

  it('rejects a policy value that is not base64', () => {
    const op = lookupOperator('BinaryEquals');
    expect(op?.checkValue('not base64!')).toMatch(/is not base64/);
    expect(op?.checkValue('abc')).toBeDefined();
    expect(op?.checkValue('QmluYXJ5VmFsdWVJbkJhc2U2NA==')).toBeUndefined();
  });
});
