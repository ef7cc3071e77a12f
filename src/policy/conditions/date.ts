// Date condition operators compare instants. Values are W3C ISO 8601 profiles (YYYY-MM,
// YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.s…]] with `Z` or ±hh:mm) or epoch seconds. No wildcards, no
// policy variables.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
// https://www.w3.org/TR/NOTE-datetime
import type { ConditionFamily } from './family.js';
import { comparisonFor } from './numeric.js';

export const dateFamily: ConditionFamily = {
  name: 'Date',
  operators: [
    { name: 'DateEquals', negated: false },
    { name: 'DateNotEquals', negated: true },
    { name: 'DateLessThan', negated: false },
    { name: 'DateLessThanEquals', negated: false },
    { name: 'DateGreaterThan', negated: false },
    { name: 'DateGreaterThanEquals', negated: false },
  ],
  checkValue(operator, value) {
    if (parseInstant(value) !== undefined) return undefined;
    return `\`${value}\` is not a date; \`${operator}\` takes ISO 8601 such as \`2020-01-01T00:00:00Z\` or epoch seconds`;
  },
  compileValue(operator, value) {
    const expected = parseInstant(value) as number;
    const holds = comparisonFor(operator);
    return (requestValue) => {
      const actual = parseInstant(requestValue);
      return actual !== undefined && holds(Math.sign(actual - expected));
    };
  },
};

const EPOCH = /^-?\d+(?:\.\d+)?$/;
const ISO =
  /^(\d{4})-(\d{2})(?:-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:?\d{2})?)?)?$/;

/**
 * Milliseconds since the epoch, or undefined. A bare number is epoch seconds (so a year alone,
 * `2020`, reads as epoch seconds); a date without a time is midnight UTC; a time without a zone is UTC.
 */
export function parseInstant(text: string): number | undefined {
  if (EPOCH.test(text)) return Math.floor(Number(text) * 1000);
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [
    m[1],
    m[2],
    m[3] ?? '1',
    m[4] ?? '0',
    m[5] ?? '0',
    m[6] ?? '0',
  ].map(Number) as [number, number, number, number, number, number];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = zoneOffsetMinutes(m[8]);
  if (offset === undefined) return undefined;
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear does not.
  const instant = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  instant.setUTCFullYear(year);
  return instant.getTime() - offset * 60_000;
}

function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.replace(':', '');
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
