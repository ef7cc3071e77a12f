// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policy variables are written `${...}` in plain strings
import { describe, expect, it } from 'vitest';
import { buildContext } from '../context.js';
import type { PolicyVersion } from '../types.js';
import { compileResourcePattern } from './resource.js';

const RES = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html';
const VARS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html';
const none = buildContext({});

function matches(
  pattern: string,
  resource: string,
  ctx = none,
  version: PolicyVersion = '2012-10-17',
): boolean {
  return compileResourcePattern(pattern, version)(resource, ctx);
}

describe(`compileResourcePattern (${RES})`, () => {
  it('`*` matches every resource, ARN or not', () => {
    expect(matches('*', 'arn:aws:s3:::bucket/key')).toBe(true);
    expect(matches('*', 'not-an-arn')).toBe(true);
    expect(matches('*', '')).toBe(true);
  });

  it('matches exact ARNs case-sensitively ("the IAM user name is case sensitive")', () => {
    expect(matches('arn:aws:iam::123456789012:user/Bob', 'arn:aws:iam::123456789012:user/Bob')).toBe(true);
    expect(matches('arn:aws:iam::123456789012:user/Bob', 'arn:aws:iam::123456789012:user/bob')).toBe(false);
    expect(matches('arn:aws:iam::123456789012:user/Bob', 'arn:aws:iam::123456789012:user/Bobby')).toBe(false);
  });

  it('matches users under a path and objects in a bucket', () => {
    const users = 'arn:aws:iam::123456789012:user/accounting/*';
    expect(matches(users, 'arn:aws:iam::123456789012:user/accounting/alice')).toBe(true);
    expect(matches(users, 'arn:aws:iam::123456789012:user/accounting/east/bob')).toBe(true);
    expect(matches(users, 'arn:aws:iam::123456789012:user/sales/carol')).toBe(false);
    expect(matches('arn:aws:s3:::amzn-s3-demo-bucket/*', 'arn:aws:s3:::amzn-s3-demo-bucket/a/b.txt')).toBe(
      true,
    );
    expect(matches('arn:aws:s3:::amzn-s3-demo-bucket/*', 'arn:aws:s3:::amzn-s3-demo-bucket')).toBe(false);
  });

  it('`*` spans slashes within the resource: the DOC-EXAMPLE-BUCKET/*/test/* list', () => {
    const pattern = 'arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*';
    for (const key of [
      '1/test/object.jpg',
      '1/2/test/object.jpg',
      '1/2/test/3/object.jpg',
      '1/2/3/test/4/object.jpg',
      '1///test///object.jpg',
      '1/test/.jpg',
      '/test/object.jpg',
      '1/test/',
    ]) {
      expect(matches(pattern, `arn:aws:s3:::DOC-EXAMPLE-BUCKET/${key}`), key).toBe(true);
    }
    for (const key of ['1-test/object.jpg', 'test/object.jpg', '1/2/test.jpg']) {
      expect(matches(pattern, `arn:aws:s3:::DOC-EXAMPLE-BUCKET/${key}`), key).toBe(false);
    }
  });

  it('keeps `*` and `?` inside their segment unless the `*` ends the segment', () => {
    // "If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond
    // the colon boundaries."
    expect(matches('arn:aws:sqs:us-*-2:*:queue1', 'arn:aws:sqs:us-east-2:123456789012:queue1')).toBe(true);
    expect(matches('arn:aws:sqs:us-*-2:*:queue1', 'arn:aws:sqs:us-east:x-2:123456789012:queue1')).toBe(false);
    expect(matches('arn:aws:sqs:us-east-?:*:queue1', 'arn:aws:sqs:us-east-2:123456789012:queue1')).toBe(true);
    expect(matches('arn:aws:sqs:us-east?2:*:q', 'arn:aws:sqs:us-east:2:1:q')).toBe(false);
    expect(matches('arn:aws:sqs:*:123456789012:queue1', 'arn:aws:sqs:us-east-2:123456789012:queue1')).toBe(
      true,
    );
    expect(
      matches('arn:aws:sqs:*:123456789012:queue1', 'arn:aws:sqs:us-east-2:999:123456789012:queue1'),
    ).toBe(true);
    expect(matches('arn:aws:sqs:*:123456789012:queue1', 'arn:aws:sqs:us-east-2:123456789012:queue2')).toBe(
      false,
    );
  });

  it('matches the resource part across colons (`*` and `?` alike)', () => {
    const pattern = 'arn:aws:logs:us-east-1:123456789012:log-group:*';
    expect(matches(pattern, 'arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:x')).toBe(true);
    expect(matches('arn:aws:x:r:1:a?b', 'arn:aws:x:r:1:a:b')).toBe(true);
  });

  it('does not match an ARN pattern against a value that is not an ARN', () => {
    expect(matches('arn:aws:s3:::*', 'bucket/key')).toBe(false);
    expect(matches('arn:aws:s3:::*', 'arn:aws:s3')).toBe(false);
  });

  it('matches a pattern that is not an ARN as one wildcard over the whole value', () => {
    expect(matches('arn:aws:s3:*', 'arn:aws:s3:::bucket/key')).toBe(true);
    expect(matches('arn:aws:s3:*', 'arn:aws:sqs:us-east-1:1:q')).toBe(false);
    expect(matches('my-*', 'my-thing')).toBe(true);
  });

  describe(`policy variables (${VARS})`, () => {
    const home = 'arn:aws:s3:::mybucket/${aws:username}/*';

    it("substitutes the caller's values", () => {
      const david = buildContext({ 'aws:username': 'David' });
      expect(matches(home, 'arn:aws:s3:::mybucket/David/notes.txt', david)).toBe(true);
      expect(matches(home, 'arn:aws:s3:::mybucket/Adele/notes.txt', david)).toBe(false);
      const queue = 'arn:aws:sqs:us-east-2:*:${aws:username}-queue';
      expect(matches(queue, 'arn:aws:sqs:us-east-2:123456789012:David-queue', david)).toBe(true);
      expect(matches(queue, 'arn:aws:sqs:us-east-2:123456789012:Adele-queue', david)).toBe(false);
    });

    it('a variable with no value matches no resource', () => {
      expect(matches(home, 'arn:aws:s3:::mybucket/David/notes.txt', none)).toBe(false);
      expect(matches('${aws:username}', 'x', none)).toBe(false);
    });

    it('inserts values literally, even `*` and `?`', () => {
      const star = buildContext({ 'aws:username': '*' });
      expect(matches(home, 'arn:aws:s3:::mybucket/David/notes.txt', star)).toBe(false);
      expect(matches(home, 'arn:aws:s3:::mybucket/*/notes.txt', star)).toBe(true);
      const question = buildContext({ 'aws:username': 'a?' });
      expect(matches(home, 'arn:aws:s3:::mybucket/ab/x', question)).toBe(false);
      expect(matches(home, 'arn:aws:s3:::mybucket/a?/x', question)).toBe(true);
    });

    it('keeps colons of a value inside its segment', () => {
      const ctx = buildContext({ 'aws:userid': 'AROAEXAMPLE:session' });
      expect(matches('arn:aws:s3:::b/${aws:userid}/*', 'arn:aws:s3:::b/AROAEXAMPLE:session/k', ctx)).toBe(
        true,
      );
    });

    it('${*} is a literal asterisk', () => {
      expect(matches('arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/*')).toBe(true);
      expect(matches('arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/key')).toBe(false);
      expect(matches('arn:aws:s3:::b/${$}${?}', 'arn:aws:s3:::b/$?')).toBe(true);
    });

    it('uses the default value', () => {
      const pattern = "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}";
      expect(matches(pattern, 'arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide')).toBe(true);
      const yellow = buildContext({ 'aws:PrincipalTag/team': 'yellow' });
      expect(matches(pattern, 'arn:aws:s3:::DOC-EXAMPLE-BUCKET-yellow', yellow)).toBe(true);
      expect(matches(pattern, 'arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide', yellow)).toBe(false);
    });

    it('in version 2008-10-17 `${...}` is literal text', () => {
      const david = buildContext({ 'aws:username': 'David' });
      expect(matches(home, 'arn:aws:s3:::mybucket/David/x', david, '2008-10-17')).toBe(false);
      expect(matches(home, 'arn:aws:s3:::mybucket/${aws:username}/x', david, '2008-10-17')).toBe(true);
    });

    it('resolves variables in a pattern whose segment ends with `*`', () => {
      const pattern = 'arn:aws:s3:*:*:b/${aws:username}';
      const david = buildContext({ 'aws:username': 'David' });
      expect(matches(pattern, 'arn:aws:s3:::b/David', david)).toBe(true);
      expect(matches(pattern, 'arn:aws:s3:::b/Adele', david)).toBe(false);
      expect(matches(pattern, 'arn:aws:s3:::b/David', none)).toBe(false);
    });
  });

  it('finishes adversarial patterns quickly', () => {
    const resource = `arn:aws:s3:::${'a'.repeat(10_000)}`;
    const started = performance.now();
    expect(matches('arn:aws:s3:::*a*a*a*a*a*a*a*a*b', resource)).toBe(false);
    expect(matches('arn:*:s3*:*:*:*a*a*a*a*a*a*a*a*b', resource)).toBe(false);
    expect(matches(`arn:a*:*a*:*:*:${'*a'.repeat(20)}b`, resource)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
