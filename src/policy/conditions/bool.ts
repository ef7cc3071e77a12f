// Bool compares `true` / `false`, case-insensitively. The condition operators page allows a policy
// variable with Bool ("You can use a policy variable with the Boolean condition operator"), so a
// value such as `${aws:PrincipalTag/admin}` is resolved per request.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean

import { needsRequest, parseTemplate, resolveTemplate } from '../match/variables.js';
import type { RequestContext } from '../types.js';
import type { ConditionFamily } from './family.js';

export const boolFamily: ConditionFamily = {
  name: 'Boolean',
  operators: [{ name: 'Bool', negated: false }],
  checkValue(operator, value, version) {
    const template = parseTemplate(value, version);
    if (needsRequest(template) || isBoolean(resolveTemplate(template, EMPTY) as string)) return undefined;
    return `\`${value}\` is not a boolean; \`${operator}\` takes \`true\` or \`false\``;
  },
  compileValue(_operator, value, version) {
    const template = parseTemplate(value, version);
    if (!needsRequest(template)) {
      const expected = (resolveTemplate(template, EMPTY) as string).toLowerCase();
      return (requestValue) => isBoolean(requestValue) && requestValue.toLowerCase() === expected;
    }
    return (requestValue, ctx) => {
      const expected = resolveTemplate(template, ctx);
      return (
        expected !== undefined &&
        isBoolean(expected) &&
        isBoolean(requestValue) &&
        requestValue.toLowerCase() === expected.toLowerCase()
      );
    };
  },
};

const EMPTY: RequestContext = new Map();

function isBoolean(text: string): boolean {
  const lower = text.toLowerCase();
  return lower === 'true' || lower === 'false';
}
