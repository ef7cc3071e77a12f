// The POST policy's document and conditions, with the policy the AWS SDK v3's createPresignedPost writes
// as one oracle. https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { describe, expect, it } from 'vitest';
import { checkPostPolicy, contentLengthRange, type PostPolicy, parsePostPolicy } from './post-policy.js';
import { ACCESS_KEY, SECRET_KEY } from './test-fixture.js';

const NOW = new Date('2026-11-23T12:00:00Z');

function encode(document: unknown): string {
  return Buffer.from(typeof document === 'string' ? document : JSON.stringify(document)).toString('base64');
}

function policyOf(conditions: unknown[], expiration = '2026-11-23T13:00:00.000Z'): PostPolicy {
  const parsed = parsePostPolicy(encode({ expiration, conditions }));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.policy;
}

/** Fields as the server passes them: by lower-case name, and the names as sent. */
function formOf(fields: Record<string, string>) {
  return {
    fields: new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value])),
    names: Object.keys(fields),
  };
}

describe('parsePostPolicy', () => {
  it('reads exact matches in both forms, starts-with and content-length-range', () => {
    const policy = policyOf([
      { acl: 'public-read' },
      ['eq', '$Content-Type', 'image/png'],
      ['starts-with', '$key', 'user/eric/'],
      ['content-length-range', 1, 1048576],
    ]);
    expect(policy.expiration.toISOString()).toBe('2026-11-23T13:00:00.000Z');
    expect(policy.conditions).toEqual([
      {
        kind: 'match',
        operator: 'eq',
        field: 'acl',
        value: 'public-read',
        text: '["eq", "$acl", "public-read"]',
      },
      {
        kind: 'match',
        operator: 'eq',
        field: 'content-type',
        value: 'image/png',
        text: '["eq", "$Content-Type", "image/png"]',
      },
      {
        kind: 'match',
        operator: 'starts-with',
        field: 'key',
        value: 'user/eric/',
        text: '["starts-with", "$key", "user/eric/"]',
      },
      { kind: 'content-length-range', min: 1, max: 1048576 },
    ]);
  });

  it.each([
    ['not base64', 'eyJ!!!', 'Invalid Policy: Invalid JSON.'],
    ['not JSON', encode('{"expiration": '), 'Invalid Policy: Invalid JSON.'],
    ['not an object', encode([]), 'Invalid Policy: Invalid JSON.'],
    ['no expiration', encode({ conditions: [] }), 'Invalid Policy: Policy missing expiration.'],
    [
      'a bad expiration',
      encode({ expiration: '2026-11-23', conditions: [] }),
      "Invalid Policy: Invalid 'expiration' value: '2026-11-23'",
    ],
    [
      'no conditions',
      encode({ expiration: '2026-11-23T13:00:00Z' }),
      'Invalid Policy: Policy missing conditions.',
    ],
    [
      'a simple condition with two properties',
      encode({ expiration: '2026-11-23T13:00:00Z', conditions: [{ acl: 'private', key: 'a' }] }),
      'Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.',
    ],
    [
      'a size that is not an integer',
      encode({ expiration: '2026-11-23T13:00:00Z', conditions: [['content-length-range', 0, 512.5]] }),
      'Invalid Policy: Invalid JSON.',
    ],
    [
      'an unknown operator',
      encode({ expiration: '2026-11-23T13:00:00Z', conditions: [['in', '$key', 'a']] }),
      'Invalid Policy: Invalid Condition: unknown operator "in"',
    ],
  ])('refuses %s', (_name, base64, message) => {
    expect(parsePostPolicy(base64)).toEqual({ ok: false, message });
  });
});

describe('checkPostPolicy', () => {
  it('accepts the form createPresignedPost builds, once the file name is in the key', async () => {
    const client = new S3Client({
      region: 'us-east-1',
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    });
    const { fields } = await createPresignedPost(client, {
      Bucket: 'uploads',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's ${filename} variable, not a template.
      Key: 'user/alice/${filename}',
      Conditions: [['starts-with', '$Content-Type', 'image/']],
      Fields: { acl: 'public-read', 'Content-Type': 'image/png' },
      Expires: 600,
    });
    const parsed = parsePostPolicy(fields.Policy ?? '');
    if (!parsed.ok) throw new Error(parsed.message);
    const form = formOf({ ...fields, key: 'user/alice/photo.png' });
    expect(checkPostPolicy(parsed.policy, form, 'uploads', new Date())).toBeUndefined();
    expect(checkPostPolicy(parsed.policy, form, 'other', new Date())).toEqual({
      kind: 'condition-failed',
      condition: '["eq", "$bucket", "uploads"]',
    });
    expect(checkPostPolicy(parsed.policy, form, 'uploads', new Date(Date.now() + 601_000))).toEqual({
      kind: 'expired',
    });
  });

  it('quotes the first condition that fails, in the policy’s order', () => {
    const policy = policyOf([
      { bucket: 'uploads' },
      ['starts-with', '$key', 'user/eric/'],
      { acl: 'private' },
    ]);
    expect(
      checkPostPolicy(policy, formOf({ key: 'user/bob/a', acl: 'public-read' }), 'uploads', NOW),
    ).toEqual({
      kind: 'condition-failed',
      condition: '["starts-with", "$key", "user/eric/"]',
    });
    // A condition on a field the form lacks fails.
    expect(checkPostPolicy(policy, formOf({ key: 'user/eric/a' }), 'uploads', NOW)).toEqual({
      kind: 'condition-failed',
      condition: '["eq", "$acl", "private"]',
    });
  });

  it('matches field names whatever their case, and starts-with "" accepts anything', () => {
    const policy = policyOf([
      ['starts-with', '$key', ''],
      ['eq', '$Content-Type', 'text/plain'],
      ['starts-with', '$x-amz-meta-tag', ''],
    ]);
    const form = formOf({ KEY: 'a', 'content-type': 'text/plain', 'X-Amz-Meta-Tag': 'anything' });
    expect(checkPostPolicy(policy, form, 'b', NOW)).toBeUndefined();
  });

  it('names the fields no condition covers; the signature, policy, file and x-ignore- need none', () => {
    const policy = policyOf([['starts-with', '$key', '']]);
    const form = formOf({
      key: 'a',
      'X-Amz-Signature': 'abc',
      Policy: 'e30=',
      'x-ignore-tracking': '1',
      'Content-Type': 'text/plain',
      'x-amz-meta-uuid': '14365123651274',
    });
    expect(checkPostPolicy(policy, form, 'b', NOW)).toEqual({
      kind: 'extra-fields',
      fields: ['Content-Type', 'x-amz-meta-uuid'],
    });
  });

  it('is expired one millisecond after its expiration', () => {
    const policy = policyOf([], '2026-11-23T12:00:00.000Z');
    expect(checkPostPolicy(policy, formOf({}), 'b', NOW)).toBeUndefined();
    expect(checkPostPolicy(policy, formOf({}), 'b', new Date(NOW.getTime() + 1))).toEqual({
      kind: 'expired',
    });
  });
});

describe('contentLengthRange', () => {
  it('is what every range allows, or nothing without one', () => {
    expect(contentLengthRange(policyOf([]))).toBeUndefined();
    expect(
      contentLengthRange(
        policyOf([
          ['content-length-range', 10, 1000],
          ['content-length-range', 0, 100],
        ]),
      ),
    ).toEqual({ min: 10, max: 100 });
  });
});
