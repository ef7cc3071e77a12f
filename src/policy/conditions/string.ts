// String condition operators; values may hold policy variables.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String

import { compileCodes, matchCodes } from '../match/glob.js';
import { compileGlobTemplate } from '../match/glob-template.js';
import { needsRequest, parseTemplate, resolveTemplate, type Template } from '../match/variables.js';
import type { RequestContext } from '../types.js';
import type { ConditionFamily, ValueTest } from './family.js';

export const stringFamily: ConditionFamily = {
  name: 'String',
  operators: [
    { name: 'StringEquals', negated: false },
    { name: 'StringNotEquals', negated: true },
    { name: 'StringEqualsIgnoreCase', negated: false },
    { name: 'StringNotEqualsIgnoreCase', negated: true },
    { name: 'StringLike', negated: false },
    { name: 'StringNotLike', negated: true },
  ],
  checkValue: () => undefined,
  compileValue(operator, value, version) {
    const template = parseTemplate(value, version);
    if (operator.endsWith('Like')) return compileLike(template);
    return compileEquals(template, operator.endsWith('IgnoreCase'));
  },
};

const EMPTY: RequestContext = new Map();

function compileEquals(template: Template, ignoreCase: boolean): ValueTest {
  const fold = ignoreCase ? (s: string) => s.toLowerCase() : (s: string) => s;
  if (!needsRequest(template)) {
    const expected = fold(resolveTemplate(template, EMPTY) as string);
    return (requestValue) => fold(requestValue) === expected;
  }
  return (requestValue, ctx) => {
    const expected = resolveTemplate(template, ctx);
    return expected !== undefined && fold(requestValue) === fold(expected);
  };
}

// StringLike is case-sensitive; `*` and `?` from the policy text are wildcards, variable values literal.
function compileLike(template: Template): ValueTest {
  const glob = compileGlobTemplate(template.parts);
  if (glob.staticCodes !== undefined) {
    const match = compileCodes(glob.staticCodes);
    return (requestValue) => match(requestValue, 0, requestValue.length);
  }
  return (requestValue, ctx) => {
    const codes = glob.resolve(ctx);
    return codes !== undefined && matchCodes(codes, requestValue);
  };
}
