// ARN condition operators. ArnEquals and ArnLike behave identically (so do ArnNotEquals and
// ArnNotLike): each of the six colon-delimited parts is matched separately, with wildcards. Values may
// hold policy variables. See match/arn-match.ts for the rule and its sources.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
import { compileArnTemplate } from '../match/arn-match.js';
import { parseTemplate } from '../match/variables.js';
import type { ConditionFamily } from './family.js';

export const arnFamily: ConditionFamily = {
  name: 'Arn',
  operators: [
    { name: 'ArnEquals', negated: false },
    { name: 'ArnLike', negated: false },
    { name: 'ArnNotEquals', negated: true },
    { name: 'ArnNotLike', negated: true },
  ],
  checkValue: () => undefined,
  compileValue(_operator, value, version) {
    return compileArnTemplate(parseTemplate(value, version), 'condition');
  },
};
