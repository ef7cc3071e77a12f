// BinaryEquals compares bytes: the policy value is base64, and so is the request value (trustlab's
// request context holds strings). No policy variables.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
import type { ConditionFamily } from './family.js';

export const binaryFamily: ConditionFamily = {
  name: 'Binary',
  operators: [{ name: 'BinaryEquals', negated: false }],
  checkValue(operator, value) {
    if (decodeBase64(value) !== undefined) return undefined;
    return `\`${value}\` is not base64; \`${operator}\` takes the base64 encoding of the bytes to compare`;
  },
  compileValue(_operator, value) {
    const expected = decodeBase64(value) as string;
    return (requestValue) => decodeBase64(requestValue) === expected;
  },
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes as a binary string (one char per byte), or undefined when not canonical base64. */
export function decodeBase64(text: string): string | undefined {
  return BASE64.test(text) ? atob(text) : undefined;
}
