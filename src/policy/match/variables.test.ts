// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
import { describe, expect, it } from 'vitest';
import { buildContext } from '../context.js';
import { parseTemplate, resolvePieces, resolveTemplate } from './variables.js';

const VARS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html';

describe(`parseTemplate (${VARS})`, () => {
  it('splits text and variables', () => {
    expect(parseTemplate('arn:aws:s3:::mybucket/${aws:username}/*', '2012-10-17')).toEqual({
      parts: [
        { kind: 'text', text: 'arn:aws:s3:::mybucket/' },
        { kind: 'var', key: 'aws:username' },
        { kind: 'text', text: '/*' },
      ],
      hasVariables: true,
    });
  });

  it('reads tag keys, service keys and several variables', () => {
    const t = parseTemplate('${aws:PrincipalTag/department}-${s3:prefix}${aws:userid}', '2012-10-17');
    expect(t.parts).toEqual([
      { kind: 'var', key: 'aws:PrincipalTag/department' },
      { kind: 'text', text: '-' },
      { kind: 'var', key: 's3:prefix' },
      { kind: 'var', key: 'aws:userid' },
    ]);
  });

  it('version 2008-10-17 has no variables: `${...}` is text ("treated as literal strings")', () => {
    expect(parseTemplate('home/${aws:username}', '2008-10-17')).toEqual({
      parts: [{ kind: 'text', text: 'home/${aws:username}' }],
      hasVariables: false,
    });
  });

  it('reads default values, with or without spaces around the comma', () => {
    const expected = [
      { kind: 'text', text: 'bucket-' },
      { kind: 'var', key: 'aws:PrincipalTag/team', fallback: 'company-wide' },
    ];
    expect(parseTemplate("bucket-${aws:PrincipalTag/team, 'company-wide'}", '2012-10-17').parts).toEqual(
      expected,
    );
    expect(parseTemplate("bucket-${aws:PrincipalTag/team,'company-wide'}", '2012-10-17').parts).toEqual(
      expected,
    );
    expect(parseTemplate("bucket-${aws:PrincipalTag/team ,  'company-wide' }", '2012-10-17').parts).toEqual(
      expected,
    );
    expect(parseTemplate("${k, ''}", '2012-10-17').parts).toEqual([{ kind: 'var', key: 'k', fallback: '' }]);
  });

  it('reads the special characters ${*} ${?} ${$}', () => {
    expect(parseTemplate('a${*}b${?}c${$}', '2012-10-17').parts).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'var', key: '*' },
      { kind: 'text', text: 'b' },
      { kind: 'var', key: '?' },
      { kind: 'text', text: 'c' },
      { kind: 'var', key: '$' },
    ]);
  });

  it('keeps malformed `${` as text', () => {
    expect(parseTemplate('a${aws:username', '2012-10-17')).toEqual({
      parts: [{ kind: 'text', text: 'a${aws:username' }],
      hasVariables: false,
    });
    expect(parseTemplate('${}', '2012-10-17').hasVariables).toBe(false);
    expect(parseTemplate("${k, 'unterminated}", '2012-10-17').hasVariables).toBe(false);
    expect(parseTemplate('${k, noquotes}', '2012-10-17').hasVariables).toBe(false);
    expect(parseTemplate('$ {k}', '2012-10-17').hasVariables).toBe(false);
    expect(parseTemplate('x${a${b}', '2012-10-17').parts).toEqual([
      { kind: 'text', text: 'x${a' },
      { kind: 'var', key: 'b' },
    ]);
  });
});

describe(`resolveTemplate (${VARS})`, () => {
  it('substitutes values, looking keys up case-insensitively ("Key names are case-insensitive")', () => {
    const t = parseTemplate('home/${AWS:UserName}/', '2012-10-17');
    expect(resolveTemplate(t, buildContext({ 'aws:username': 'David' }))).toBe('home/David/');
  });

  it('is undefined when a variable has no value ("Policy variables with no value")', () => {
    const t = parseTemplate('home/${aws:username}/', '2012-10-17');
    expect(resolveTemplate(t, buildContext({}))).toBeUndefined();
  });

  it('uses the default value when the key is missing', () => {
    const t = parseTemplate("amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}", '2012-10-17');
    expect(resolveTemplate(t, buildContext({}))).toBe('amzn-s3-demo-bucket-company-wide');
    expect(resolveTemplate(t, buildContext({ 'aws:PrincipalTag/team': 'yellow' }))).toBe(
      'amzn-s3-demo-bucket-yellow',
    );
  });

  it('does not substitute multivalued keys ("You can\'t use a multivalued condition key as a variable")', () => {
    const t = parseTemplate('${aws:TagKeys}', '2012-10-17');
    expect(resolveTemplate(t, buildContext({ 'aws:TagKeys': ['a', 'b'] }))).toBeUndefined();
    expect(resolveTemplate(t, buildContext({ 'aws:TagKeys': [] }))).toBeUndefined();
    expect(resolveTemplate(t, buildContext({ 'aws:TagKeys': ['a'] }))).toBe('a');
  });

  it('turns ${*} ${?} ${$} into the characters', () => {
    expect(resolveTemplate(parseTemplate('${*}${?}${$}', '2012-10-17'), buildContext({}))).toBe('*?$');
  });

  it('substitutes an empty value as empty text', () => {
    const t = parseTemplate('a${k}b', '2012-10-17');
    expect(resolveTemplate(t, buildContext({ k: '' }))).toBe('ab');
  });
});

describe('resolvePieces', () => {
  it('keeps policy text wild and variable values literal', () => {
    const t = parseTemplate('${k}/*${*}', '2012-10-17');
    expect(resolvePieces(t, buildContext({ k: 'a*' }))).toEqual([
      { text: 'a*', literal: true },
      { text: '/*', literal: false },
      { text: '*', literal: true },
    ]);
    expect(resolvePieces(t, buildContext({}))).toBeUndefined();
  });
});
