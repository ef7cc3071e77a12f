// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
import { describe, expect, it } from 'vitest';
import { parseInstant } from './date.js';
import { lookupOperator } from './operators.js';
import { holds } from './test-fixture.js';

const OPS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';

describe(`date operators (${OPS}#Conditions_Date)`, () => {
  it('aws:TokenIssueTime after 2020-01-01T00:00:01Z; missing for long-term keys', () => {
    const key = 'aws:TokenIssueTime';
    expect(holds('DateGreaterThan', key, '2020-01-01T00:00:01Z', { [key]: '2020-06-01T12:00:00Z' })).toBe(
      true,
    );
    expect(holds('DateGreaterThan', key, '2020-01-01T00:00:01Z', { [key]: '2019-12-31T23:59:59Z' })).toBe(
      false,
    );
    expect(holds('DateGreaterThan', key, '2020-01-01T00:00:01Z', { [key]: '2020-01-01T00:00:01Z' })).toBe(
      false,
    );
    // "The key is not present in AWS CLI, AWS API, or AWS SDK requests that are made using access keys."
    expect(holds('DateGreaterThan', key, '2020-01-01T00:00:01Z', {})).toBe(false);
  });

  it('compares instants, whatever the notation', () => {
    const key = 'aws:CurrentTime';
    expect(holds('DateEquals', key, '2020-01-01T00:00:00Z', { [key]: '2020-01-01T01:00:00+01:00' })).toBe(
      true,
    );
    expect(holds('DateEquals', key, '2020-01-01', { [key]: '2020-01-01T00:00:00.000Z' })).toBe(true);
    expect(holds('DateEquals', key, '2020-01-01T00:00:00Z', { [key]: '1577836800' })).toBe(true);
    expect(holds('DateEquals', key, '1577836800', { [key]: '2020-01-01T00:00:00Z' })).toBe(true);
    expect(holds('DateLessThan', key, '2020-01-01T00:00:00Z', { [key]: '2019-12-31T19:00:00-05:00' })).toBe(
      false,
    );
    expect(
      holds('DateLessThan', key, '2020-01-01T00:00:00Z', { [key]: '2019-12-31T18:59:59.999-05:00' }),
    ).toBe(true);
    expect(holds('DateLessThanEquals', key, '2020-01-01', { [key]: '2020-01-01T00:00:00Z' })).toBe(true);
    expect(holds('DateGreaterThanEquals', key, '2020-01', { [key]: '2019-12-31T23:59:59Z' })).toBe(false);
    expect(holds('DateNotEquals', key, '2020-01-01T00:00:00Z', { [key]: '2020-01-01T00:00:01Z' })).toBe(true);
    expect(holds('DateNotEquals', key, '2020-01-01T00:00:00Z', { [key]: '2020-01-01T00:00:00Z' })).toBe(
      false,
    );
  });

  it('aws:EpochTime in seconds', () => {
    expect(holds('DateLessThan', 'aws:EpochTime', '1700000000', { 'aws:EpochTime': '1699999999' })).toBe(
      true,
    );
    expect(
      holds('DateLessThan', 'aws:EpochTime', '2030-01-01T00:00:00Z', { 'aws:EpochTime': '1699999999' }),
    ).toBe(true);
  });

  it('a request value that is not a date matches nothing', () => {
    expect(holds('DateGreaterThan', 'k', '2020-01-01', { k: 'yesterday' })).toBe(false);
    expect(holds('DateNotEquals', 'k', '2020-01-01', { k: 'yesterday' })).toBe(true);
  });

  it('rejects policy values that are not dates', () => {
    const op = lookupOperator('DateGreaterThan');
    expect(op?.checkValue('tomorrow')).toMatch(/`tomorrow` is not a date/);
    expect(op?.checkValue('2020-13-01')).toBeDefined();
    expect(op?.checkValue('2021-02-29')).toBeDefined();
    expect(op?.checkValue('2020-01-01T25:00:00Z')).toBeDefined();
    expect(op?.checkValue('2020-01-01T00:00:00+25:00')).toBeDefined();
    expect(op?.checkValue('2020-01-0*')).toBeDefined();
    expect(op?.checkValue('${aws:CurrentTime}')).toBeDefined();
    expect(op?.checkValue('2020-02-29T23:59:59.123+05:30')).toBeUndefined();
  });
});

describe('parseInstant', () => {
  it('reads the W3C profiles of ISO 8601 and epoch seconds', () => {
    expect(parseInstant('2020-01-01T00:00:01Z')).toBe(Date.UTC(2020, 0, 1, 0, 0, 1));
    expect(parseInstant('2020-01-01T00:00Z')).toBe(Date.UTC(2020, 0, 1));
    expect(parseInstant('2020-01-01T05:30:00+05:30')).toBe(Date.UTC(2020, 0, 1));
    expect(parseInstant('2020-01-01T05:30:00+0530')).toBe(Date.UTC(2020, 0, 1));
    expect(parseInstant('2020-01-01T00:00:00.5Z')).toBe(Date.UTC(2020, 0, 1, 0, 0, 0, 500));
    expect(parseInstant('2020-01')).toBe(Date.UTC(2020, 0, 1));
    expect(parseInstant('1577836800')).toBe(Date.UTC(2020, 0, 1));
    expect(new Date(parseInstant('0050-01-01') as number).toISOString()).toBe('0050-01-01T00:00:00.000Z');
  });
});
