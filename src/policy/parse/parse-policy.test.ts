import { describe, expect, it } from 'vitest';
import type { Finding } from '../types.js';
import { parsePolicy } from './parse-policy.js';

// Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html

const codes = (findings: Finding[]) => findings.map((f) => f.code);
const only = (text: string, code: string) => {
  const result = parsePolicy(text);
  const found = result.findings.filter((f) => f.code === code);
  expect(found, JSON.stringify(result.findings)).toHaveLength(1);
  return { ...result, finding: found[0] as Finding };
};

describe('parsePolicy: accepted forms', () => {
  it('reads every element with positions', () => {
    const text = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Id": "p1",',
      '  "Statement": [{',
      '    "Sid": "One",',
      '    "Effect": "Allow",',
      '    "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666"], "Service": "ec2.amazonaws.com"},',
      '    "Action": ["s3:GetObject", "s3:PutObject"],',
      '    "Resource": "arn:aws:s3:::bucket/*",',
      '    "Condition": {"NumericLessThan": {"s3:max-keys": 10}, "Bool": {"aws:SecureTransport": [true]}}',
      '  }]',
      '}',
    ].join('\n');
    const { doc, findings } = parsePolicy(text);
    expect(findings).toEqual([]);
    expect(doc?.version).toBe('2012-10-17');
    expect(doc?.id?.value).toBe('p1');
    const s = doc?.statements[0];
    expect(s?.sid?.value).toBe('One');
    expect(s?.effect.value).toBe('Allow');
    expect(s?.principal?.entries.map((e) => `${e.type}:${e.value.value}`)).toEqual([
      'AWS:arn:aws:iam::111122223333:root',
      'AWS:444455556666',
      'Service:ec2.amazonaws.com',
    ]);
    expect(s?.action.values.map((v) => v.value)).toEqual(['s3:GetObject', 's3:PutObject']);
    const resource = s?.resource?.values[0];
    expect(resource?.value).toBe('arn:aws:s3:::bucket/*');
    expect(resource?.at.start).toEqual({
      line: 9,
      column: 17,
      offset: text.indexOf('"arn:aws:s3:::bucket/*"'),
    });
    expect(s?.conditions.map((c) => [c.operator.value, c.key.value, c.values.map((v) => v.value)])).toEqual([
      ['NumericLessThan', 's3:max-keys', ['10']],
      ['Bool', 'aws:SecureTransport', ['true']],
    ]);
  });

  it('keeps numbers as their JSON text', () => {
    const { doc } = parsePolicy(
      '{"Statement":{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NumericEquals":{"k:n":1.50e3}}}}',
    );
    expect(doc?.statements[0]?.conditions[0]?.values[0]?.value).toBe('1.50e3');
  });

  it('accepts a single statement object and no Version (2008-10-17 applies)', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
    const { doc, findings } = parsePolicy(
      '{"Statement": {"Effect": "Deny", "NotAction": "iam:*", "NotResource": "*"}}',
    );
    expect(findings).toEqual([]);
    expect(doc?.version).toBe('2008-10-17');
    expect(doc?.versionAt).toBeUndefined();
    expect(doc?.statements[0]?.index).toBe(0);
    expect(doc?.statements[0]?.action.not).toBe(true);
    expect(doc?.statements[0]?.resource?.not).toBe(true);
  });

  it('reads "Principal": "*" as the wildcard and NotPrincipal as not', () => {
    const { doc } = parsePolicy(
      '{"Version":"2008-10-17","Statement":[{"Effect":"Deny","NotPrincipal":"*","Action":"s3:*","Resource":"*"}]}',
    );
    expect(doc?.version).toBe('2008-10-17');
    expect(doc?.statements[0]?.principal).toMatchObject({ not: true, wildcard: true, entries: [] });
  });

  it('accepts a BOM and surrounding whitespace, keeping offsets into the original text', () => {
    const text = '\ufeff \n {"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}} \n';
    const { doc } = parsePolicy(text);
    const action = doc?.statements[0]?.action.values[0];
    expect(action?.at.start.offset).toBe(text.indexOf('"s3:*"'));
    expect(action?.at.start.line).toBe(2);
  });

  it('warns about duplicate keys and keeps the last one', () => {
    const { doc, finding } = only(
      '{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Action":"s3:PutObject","Resource":"*"}}',
      'duplicate-key',
    );
    expect(finding.severity).toBe('WARNING');
    expect(finding.path).toBe('Statement[0].Action');
    expect(finding.at.start.offset).toBe(31);
    expect(doc?.statements[0]?.action.values[0]?.value).toBe('s3:PutObject');
  });

  it('reports empty arrays as suggestions (Access Analyzer), keeping the document', () => {
    const { doc, findings } = parsePolicy('{"Statement":{"Effect":"Allow","Action":[],"Resource":[]}}');
    expect(codes(findings)).toEqual(['empty-array-action', 'empty-array-resource']);
    expect(findings.every((f) => f.severity === 'SUGGESTION')).toBe(true);
    expect(doc).toBeDefined();
  });
});

describe('parsePolicy: errors', () => {
  const statement = (body: string) => `{"Version":"2012-10-17","Statement":[${body}]}`;

  it('locates a JSON syntax error at the offending token', () => {
    const text = '{\n  "Version": "2012-10-17"\n  "Statement": []\n}';
    const { doc, finding } = only(text, 'json-syntax-error');
    expect(doc).toBeUndefined();
    expect(finding.at.start).toEqual({ line: 3, column: 3, offset: text.indexOf('"Statement"') });
    expect(finding.message).toBe('unexpected string');
  });

  it('places an unexpected end of input at the end of the text', () => {
    const text = '{"Statement": [\n';
    const { finding } = only(text, 'json-syntax-error');
    expect(finding.at.start.offset).toBe(15);
    expect(finding.message).toBe('unexpected end of input');
  });

  it('reports empty text, comments and trailing commas as syntax errors', () => {
    for (const text of ['', '   ', '// c\n{}', '{"Statement":[],}', '{} {}']) {
      expect(codes(parsePolicy(text).findings)).toEqual(['json-syntax-error']);
    }
  });

  it('caps nesting depth with a located error instead of overflowing the stack', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const { finding } = only(text, 'json-syntax-error');
    expect(finding.at.start.offset).toBe(64);
  });

  it('rejects a document that is not an object', () => {
    expect(codes(parsePolicy('[1]').findings)).toEqual(['data-type-mismatch']);
  });

  it('rejects unknown policy and statement elements, hinting at case', () => {
    const { finding } = only(
      '{"version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
      'invalid-policy-element',
    );
    expect(finding.fix).toContain('`Version`');
    const inner = only(
      statement('{"Effect":"Allow","Action":"*","Resources":"*"}'),
      'invalid-policy-element',
    );
    expect(inner.finding.path).toBe('Statement[0].Resources');
  });

  it('rejects a Version other than 2012-10-17 and 2008-10-17', () => {
    const { doc, finding } = only(
      '{"Version":"2012-10-18","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
      'invalid-version',
    );
    expect(doc).toBeUndefined();
    expect(finding.value).toBe('2012-10-18');
  });

  it('needs an Effect, spelt exactly Allow or Deny (case-sensitive)', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html
    only(statement('{"Action":"*","Resource":"*"}'), 'missing-effect');
    const { finding } = only(statement('{"Effect":"allow","Action":"*","Resource":"*"}'), 'invalid-effect');
    expect(finding.fix).toContain('`Allow`');
    expect(finding.path).toBe('Statement[0].Effect');
  });

  it('needs Action or NotAction, never both; same for Resource and Principal pairs', () => {
    only(statement('{"Effect":"Allow","Resource":"*"}'), 'missing-action');
    for (const [a, b] of [
      ['Action', 'NotAction'],
      ['Resource', 'NotResource'],
      ['Principal', 'NotPrincipal'],
    ]) {
      const { finding } = only(
        statement(`{"Effect":"Allow","Action":"*","Resource":"*","${a}":"*","${b}":"*"}`),
        'unsupported-element-combination',
      );
      expect(finding.path).toBe(`Statement[0].${b}`);
    }
  });

  it('reports wrong JSON types with their path', () => {
    const { finding } = only(
      statement('{"Effect":"Allow","Action":["s3:GetObject",5],"Resource":"*"}'),
      'data-type-mismatch',
    );
    expect(finding.path).toBe('Statement[0].Action[1]');
    expect(codes(parsePolicy(statement('{"Effect":true,"Action":"*","Resource":"*"}')).findings)).toEqual([
      'data-type-mismatch',
    ]);
    expect(
      codes(
        parsePolicy(
          statement('{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Null":{"k:x":null}}}'),
        ).findings,
      ),
    ).toEqual(['data-type-mismatch']);
    expect(codes(parsePolicy('{"Statement":"x"}').findings)).toEqual(['data-type-mismatch']);
  });

  it('checks the Principal shape', () => {
    const bad = only(
      statement('{"Effect":"Allow","Principal":"arn:aws:iam::111122223333:root","Action":"*"}'),
      'invalid-principal-format',
    );
    expect(bad.finding.value).toBe('arn:aws:iam::111122223333:root');
    const key = only(
      statement('{"Effect":"Allow","Principal":{"aws":"*"},"Action":"*"}'),
      'invalid-principal-key',
    );
    expect(key.finding.fix).toContain('`AWS`');
    expect(codes(parsePolicy(statement('{"Effect":"Allow","Principal":{},"Action":"*"}')).findings)).toEqual([
      'empty-object-principal',
    ]);
  });

  it('needs a Statement', () => {
    only('{"Version":"2012-10-17"}', 'missing-statement');
    only('{"Version":"2012-10-17","Statement":[]}', 'missing-statement');
  });

  it('parses 1 MiB of policy quickly', () => {
    const resources = Array.from({ length: 36_000 }, (_, i) => `"arn:aws:s3:::bucket-${i}/*"`).join(',');
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":[${resources}]}]}`;
    expect(text.length).toBeGreaterThan(1_048_576);
    const started = performance.now();
    const { doc } = parsePolicy(text);
    expect(doc?.statements[0]?.resource?.values).toHaveLength(36_000);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
