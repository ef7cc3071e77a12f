// Numeric condition operators: integers and decimals, compared exactly (no floating point), so
// `10` equals `10.0` and 20-digit values compare correctly. No policy variables.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
import type { ConditionFamily } from './family.js';

export const numericFamily: ConditionFamily = {
  name: 'Numeric',
  operators: [
    { name: 'NumericEquals', negated: false },
    { name: 'NumericNotEquals', negated: true },
    { name: 'NumericLessThan', negated: false },
    { name: 'NumericLessThanEquals', negated: false },
    { name: 'NumericGreaterThan', negated: false },
    { name: 'NumericGreaterThanEquals', negated: false },
  ],
  checkValue(operator, value) {
    if (parseDecimal(value) !== undefined) return undefined;
    return `\`${value}\` is not a number; \`${operator}\` compares integers or decimals such as \`10\` or \`-2.5\``;
  },
  compileValue(operator, value) {
    const expected = parseDecimal(value) as Decimal;
    const holds = comparisonFor(operator);
    return (requestValue) => {
      const actual = parseDecimal(requestValue);
      return actual !== undefined && holds(compareDecimals(actual, expected));
    };
  },
};

/** Maps a comparison result (-1, 0, 1 of request vs policy) to the operator's verdict; Not… compiles as Equals. */
export function comparisonFor(operator: string): (order: number) => boolean {
  if (operator.endsWith('GreaterThanEquals')) return (order) => order >= 0;
  if (operator.endsWith('GreaterThan')) return (order) => order > 0;
  if (operator.endsWith('LessThanEquals')) return (order) => order <= 0;
  if (operator.endsWith('LessThan')) return (order) => order < 0;
  return (order) => order === 0;
}

/** Sign, integer digits without leading zeros, fraction digits without trailing zeros. */
export interface Decimal {
  negative: boolean;
  whole: string;
  fraction: string;
}

// Java-style decimal literals: `10`, `-2.5`, `+3`, `.5`, `5.`, `1e3` (a JSON number may be written so).
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text);
  if (m === null) return undefined;
  const intDigits = m[2] as string;
  const fracDigits = m[3] ?? '';
  if (intDigits === '' && fracDigits === '') return undefined;
  // Move the decimal point by the exponent over the digit string, padding with zeros as needed.
  const digits = intDigits + fracDigits;
  const point = intDigits.length + Number(m[4] ?? '0');
  const padded = point < 0 ? '0'.repeat(-point) + digits : digits.padEnd(point, '0');
  const at = Math.max(point, 0);
  const whole = padded.slice(0, at).replace(/^0+/, '');
  const fraction = padded.slice(at).replace(/0+$/, '');
  const zero = whole === '' && fraction === '';
  return { negative: m[1] === '-' && !zero, whole, fraction };
}

export function compareDecimals(a: Decimal, b: Decimal): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const magnitude = compareMagnitudes(a, b);
  return a.negative && magnitude !== 0 ? -magnitude : magnitude;
}

function compareMagnitudes(a: Decimal, b: Decimal): number {
  if (a.whole.length !== b.whole.length) return a.whole.length < b.whole.length ? -1 : 1;
  if (a.whole !== b.whole) return a.whole < b.whole ? -1 : 1;
  // Without trailing zeros, digit strings order like the fractions they spell.
  if (a.fraction !== b.fraction) return a.fraction < b.fraction ? -1 : 1;
  return 0;
}
