import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load-model.js';
import { parseQueryRequest, type QueryHttpRequest } from './parse.js';

// What AWS answers instead of running an operation. The expected answers are those real STS gives
// (the same Coral front end serves IAM): duplicates keep the first value, unknown parameters are ignored,
// `+900` is a number, `900.0` is MalformedInput, an unknown Action or Version is InvalidAction.
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html

const sts = loadModel('sts');
const iam = loadModel('iam');
const roleArn = 'arn%3Aaws%3Aiam%3A%3A999999999999%3Arole%2FUpdateApp';

function post(
  body: string | Uint8Array,
  contentType: string | undefined = 'application/x-www-form-urlencoded',
) {
  return { method: 'POST', contentType, body, query: '' } satisfies QueryHttpRequest;
}

function assumeRole(extra: string) {
  return parseQueryRequest(sts, post(`Action=AssumeRole&Version=2011-06-15&RoleArn=${roleArn}${extra}`));
}

describe('Action and Version', () => {
  it('an unknown Action is InvalidAction in the AWSFault namespace', () => {
    const r = parseQueryRequest(sts, post('Action=NoSuchAction&Version=2011-06-15'));
    expect(r).toMatchObject({
      kind: 'error',
      error: {
        code: 'InvalidAction',
        status: 400,
        awsMessage: 'Could not find operation NoSuchAction for version 2011-06-15',
        xmlNamespace: 'http://webservices.amazon.com/AWSFault/2005-15-09',
      },
    });
  });

  it('a missing, empty or wrong Version is InvalidAction', () => {
    const message = (body: string) => {
      const r = parseQueryRequest(iam, post(body));
      return r.kind === 'error' ? r.error.awsMessage : r.kind;
    };
    expect(message('Action=ListUsers')).toBe(
      'Could not find operation ListUsers for version NO_VERSION_SPECIFIED',
    );
    expect(message('Action=ListUsers&Version=')).toBe('Could not find operation ListUsers for version ');
    expect(message('Action=ListUsers&Version=2011-06-15')).toBe(
      'Could not find operation ListUsers for version 2011-06-15',
    );
    expect(message('Action=&Version=2010-05-08')).toBe('Could not find operation  for version 2010-05-08');
  });

  it('the first of duplicate Action or Version parameters wins', () => {
    expect(
      parseQueryRequest(sts, post('Action=GetCallerIdentity&Action=Nope&Version=2011-06-15')),
    ).toMatchObject({
      kind: 'operation',
    });
    expect(
      parseQueryRequest(sts, post('Action=Nope&Action=GetCallerIdentity&Version=2011-06-15')),
    ).toMatchObject({
      kind: 'error',
      error: { code: 'InvalidAction' },
    });
    expect(
      parseQueryRequest(sts, post('Action=GetCallerIdentity&Version=2011-06-15&Version=2000-01-01')),
    ).toMatchObject({
      kind: 'operation',
    });
  });

  it('no Action, or a POST that is not form data, is a redirect to the IAM page', () => {
    expect(parseQueryRequest(sts, post('Version=2011-06-15'))).toEqual({
      kind: 'redirect',
      location: 'https://aws.amazon.com/iam',
    });
    expect(
      parseQueryRequest(sts, {
        ...post('Action=GetCallerIdentity&Version=2011-06-15'),
        contentType: undefined,
      }),
    ).toEqual({
      kind: 'redirect',
      location: 'https://aws.amazon.com/iam',
    });
    expect(
      parseQueryRequest(sts, {
        method: 'GET',
        contentType: undefined,
        body: '',
        query: 'Version=2011-06-15',
      }),
    ).toEqual({
      kind: 'redirect',
      location: 'https://aws.amazon.com/iam?Version=2011-06-15',
    });
  });

  it('unknown parameters are ignored', () => {
    expect(
      parseQueryRequest(sts, post('Action=GetCallerIdentity&Version=2011-06-15&Unknown=value')),
    ).toMatchObject({
      kind: 'operation',
    });
  });
});

describe('values that cannot be read as their type', () => {
  const duration = (value: string) => assumeRole(`&RoleSessionName=ss&DurationSeconds=${value}`);

  it('integers accept a sign and leading zeros', () => {
    expect(duration('%2B900')).toMatchObject({ kind: 'operation', input: { DurationSeconds: 900 } });
    expect(duration('0900')).toMatchObject({ kind: 'operation', input: { DurationSeconds: 900 } });
  });

  it('an empty, decimal, non-numeric or out-of-int32 integer is MalformedInput', () => {
    expect(duration('')).toMatchObject({
      kind: 'error',
      error: { code: 'MalformedInput', status: 400, awsMessage: 'missing value for decimal type' },
    });
    for (const bad of ['abc', '900.0', '2147483648', '-2147483649', '1e3']) {
      expect(duration(bad)).toMatchObject({
        kind: 'error',
        error: { code: 'MalformedInput', awsMessage: undefined },
      });
    }
  });

  it('an integer in range for its type but not for its shape is a ValidationError', () => {
    expect(duration('-2147483648')).toMatchObject({
      kind: 'error',
      error: {
        code: 'ValidationError',
        awsMessage:
          "1 validation error detected: Value '-2147483648' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      },
    });
  });

  it('a boolean other than true or false is MalformedInput', () => {
    const r = parseQueryRequest(
      iam,
      post('Action=UpdateAccountPasswordPolicy&Version=2010-05-08&RequireSymbols=yes'),
    );
    expect(r).toMatchObject({ kind: 'error', error: { code: 'MalformedInput' } });
  });

  it('missing required members are reported together, as null', () => {
    const r = parseQueryRequest(sts, post('Action=AssumeRole&Version=2011-06-15'));
    expect(r).toMatchObject({
      kind: 'error',
      error: {
        code: 'ValidationError',
        awsMessage:
          "2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
      },
    });
  });
});

describe('malformed form data is a 4xx answer, never an exception', () => {
  const malformed = { kind: 'error', error: { code: 'MalformedQueryString', status: 404 } };

  it('bad percent-encoding', () => {
    for (const bad of ['%zz', '%4', '%', 'a%2', '%G0']) {
      expect(
        parseQueryRequest(sts, post(`Action=GetCallerIdentity&Version=2011-06-15&X=${bad}`)),
      ).toMatchObject(malformed);
    }
    expect(parseQueryRequest(sts, post('Action=GetCallerIdentity&Version=2011-06-15&%zz=1'))).toMatchObject(
      malformed,
    );
  });

  it('bytes that are not UTF-8, percent-encoded or raw', () => {
    for (const bad of ['%C3%28', '%FF', '%C0%AF', '%ED%A0%80', '%E2%82']) {
      expect(
        parseQueryRequest(sts, post(`Action=GetCallerIdentity&Version=2011-06-15&X=${bad}`)),
      ).toMatchObject(malformed);
    }
    const raw = new Uint8Array([
      ...Buffer.from('Action=GetCallerIdentity&Version=2011-06-15&X='),
      0xff,
      0xfe,
    ]);
    expect(parseQueryRequest(sts, post(raw))).toMatchObject(malformed);
  });

  it('UTF-8 in parameters, percent-encoded or raw, is read as text', () => {
    const tag = Buffer.from(
      '&Tags.member.1.Key=caf\u00e9&Tags.member.1.Value=%E6%97%A5%E6%9C%AC&RoleSessionName=ss',
    );
    const body = new Uint8Array([
      ...Buffer.from(`Action=AssumeRole&Version=2011-06-15&RoleArn=${roleArn}`),
      ...tag,
    ]);
    expect(parseQueryRequest(sts, post(body))).toMatchObject({
      kind: 'operation',
      input: { Tags: [{ Key: 'café', Value: '日本' }] },
    });
  });

  it('huge and hostile inputs stay linear', () => {
    const started = Date.now();
    const many = Array.from({ length: 50_000 }, (_, i) => `P${i}=${i}`).join('&');
    expect(parseQueryRequest(sts, post(`Action=GetCallerIdentity&Version=2011-06-15&${many}`))).toMatchObject(
      {
        kind: 'operation',
      },
    );
    const deep = `${'A.'.repeat(50_000)}B=1`;
    expect(parseQueryRequest(sts, post(`Action=GetCallerIdentity&Version=2011-06-15&${deep}`))).toMatchObject(
      {
        kind: 'operation',
      },
    );
    // One item at a huge index is one item, not a huge array.
    const sparse = assumeRole(
      '&RoleSessionName=ss&TransitiveTagKeys.member.99999999999=a&TransitiveTagKeys.member.2=b',
    );
    expect(sparse).toMatchObject({ kind: 'operation', input: { TransitiveTagKeys: ['b', 'a'] } });
    const longValue = assumeRole(`&RoleSessionName=${'a'.repeat(2_000_000)}`);
    expect(longValue).toMatchObject({ kind: 'error', error: { code: 'ValidationError' } });
    const manyTags = Array.from(
      { length: 10_000 },
      (_, i) => `&Tags.member.${i + 1}.Key=k${i}&Tags.member.${i + 1}.Value=v`,
    );
    const tags = assumeRole(`&RoleSessionName=ss${manyTags.join('')}`);
    expect(tags).toMatchObject({ kind: 'error', error: { code: 'ValidationError' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('list items with names that are not positions are ignored', () => {
    const r = assumeRole(
      '&RoleSessionName=ss&TransitiveTagKeys.member.0=a&TransitiveTagKeys.member.x=b&TransitiveTagKeys.member.1=c',
    );
    expect(r).toMatchObject({ kind: 'operation', input: { TransitiveTagKeys: ['c'] } });
  });

  it('never throws, whatever the bytes (property)', () => {
    const paramName = fc.constantFrom(
      'Action',
      'Version',
      'RoleArn',
      'Tags.member.1.Key',
      'PolicyArns.member.1.arn',
      'DurationSeconds',
      'x',
    );
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.string({ maxLength: 200 }),
      fc
        .array(fc.tuple(paramName, fc.string({ maxLength: 20 })), { maxLength: 12 })
        .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
    );
    fc.assert(
      fc.property(body, fc.constantFrom('GET', 'POST'), fc.constantFrom(sts, iam), (b, method, model) => {
        const request =
          method === 'GET' ? { method, contentType: undefined, body: '', query: String(b) } : post(b);
        const r = parseQueryRequest(model, request);
        expect(['operation', 'error', 'redirect']).toContain(r.kind);
      }),
      { numRuns: 2000 },
    );
  });
});
