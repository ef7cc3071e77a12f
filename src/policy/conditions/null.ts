// Null checks whether a key is absent: `true` holds when the key is not in the request context,
// `false` when it is. No IfExists form, no policy variables. A key whose value is an empty list
// counts as absent (an empty data set, as for ForAllValues).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
import type { ConditionFamily } from './family.js';

export const nullFamily: ConditionFamily = {
  name: 'Null',
  operators: [{ name: 'Null', negated: false }],
  presenceOnly: true,
  checkValue(operator, value) {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === 'false') return undefined;
    return `\`${value}\` is not a boolean; \`${operator}\` takes \`true\` (key absent) or \`false\` (key present)`;
  },
  compileValue(_operator, value) {
    const wantsAbsent = value.toLowerCase() === 'true';
    return (absent) => (absent === 'true') === wantsAbsent;
  },
};
