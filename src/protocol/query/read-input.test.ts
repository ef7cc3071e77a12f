import { describe, expect, it } from 'vitest';
import { type RawModel, resolveModel } from '../model/load-model.js';
import { readQueryInput } from './read-input.js';

// Shapes IAM and STS barely use (maps, flattened lists, timestamps, blobs, floats), on a small model.
// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#query-key-resolution

const raw: RawModel = {
  metadata: { apiVersion: '2020-01-01', protocol: 'query', xmlNamespace: 'urn:test' },
  operations: { Op: { http: { method: 'POST', requestUri: '/' }, input: { shape: 'Input' } } },
  shapes: {
    Input: {
      type: 'structure',
      members: {
        Attributes: { shape: 'AttributeMap' },
        Flat: { shape: 'Names', flattened: true },
        Renamed: { shape: 'Names', locationName: 'Other' },
        When: { shape: 'When' },
        Data: { shape: 'Data' },
        Ratio: { shape: 'Ratio' },
        Nested: { shape: 'Input' },
      },
    },
    AttributeMap: { type: 'map', key: { shape: 'Name' }, value: { shape: 'Name' } },
    Names: { type: 'list', member: { shape: 'Name' } },
    Name: { type: 'string' },
    When: { type: 'timestamp' },
    Data: { type: 'blob' },
    Ratio: { type: 'double' },
  },
};
const input = resolveModel('iam', raw).operations.get('Op')?.input;
if (!input) throw new Error('model');

function read(params: Record<string, string>) {
  return readQueryInput(input as NonNullable<typeof input>, new Map(Object.entries(params)));
}

describe('readQueryInput', () => {
  it('maps as entry.N.key / entry.N.value, with `__proto__` kept as data', () => {
    const r = read({
      'Attributes.entry.1.key': 'color',
      'Attributes.entry.1.value': 'blue',
      'Attributes.entry.2.key': '__proto__',
      'Attributes.entry.2.value': 'x',
    });
    expect(r.ok && r.input.Attributes).toEqual(
      Object.fromEntries([
        ['color', 'blue'],
        ['__proto__', 'x'],
      ]),
    );
    expect(r.ok && Object.getPrototypeOf(r.input.Attributes)).toBe(Object.prototype);
  });

  it('flattened lists as Name.N, locationName for renamed members, recursive structures', () => {
    const r = read({ 'Flat.1': 'a', 'Flat.2': 'b', 'Other.member.1': 'c', 'Nested.Nested.Flat.1': 'd' });
    expect(r).toEqual({
      ok: true,
      input: { Flat: ['a', 'b'], Renamed: ['c'], Nested: { Nested: { Flat: ['d'] } } },
    });
  });

  it('timestamps in ISO 8601 or epoch seconds, base64 blobs, doubles', () => {
    const r = read({ When: '2026-11-23T20:00:00Z', Data: 'aGk=', Ratio: '-1.5e2' });
    expect(r).toEqual({
      ok: true,
      input: { When: new Date('2026-11-23T20:00:00Z'), Data: new Uint8Array([104, 105]), Ratio: -150 },
    });
    expect(read({ When: '1700000000' })).toEqual({ ok: true, input: { When: new Date(1_700_000_000_000) } });
  });

  it('values that are not their type are malformed', () => {
    expect(read({ When: 'yesterday' })).toEqual({ ok: false, message: undefined });
    expect(read({ Data: 'not base64!' })).toEqual({ ok: false, message: undefined });
    expect(read({ Ratio: '1.2.3' })).toEqual({ ok: false, message: undefined });
    expect(read({ Ratio: '' })).toEqual({ ok: false, message: 'missing value for decimal type' });
  });
});
