// The conditions room: compile a Condition block once, test it per request.
export { type CompiledConditions, type ConditionProblem, compileConditions } from './compile-conditions.js';
export { baseOperatorNames, conditionFamilies, lookupOperator, type OperatorInfo } from './operators.js';
