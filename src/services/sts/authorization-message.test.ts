import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Authorization } from '../../authorize/authorize.js';
import { compilePolicy } from '../../policy/compile/compile-policy.js';
import { compilePolicySet } from '../../policy/compile/compile-policy-set.js';
import { buildContext } from '../../policy/context.js';
import { evaluate } from '../../policy/evaluate/evaluate.js';
import { parsePolicy } from '../../policy/parse/parse-policy.js';
import type { AuthzRequest } from '../../policy/types.js';
import { awsFailure, DEVELOPMENT, openIamFixture, PRODUCTION } from '../iam/iam-test-fixture.js';
import { AuthorizationMessages } from './authorization-message.js';
import { decodeAuthorizationMessage } from './decode-authorization-message.js';

// Theresa is refused UpdateApp by her group's explicit deny (the delegate-access tutorial).
const DENY =
  '{"Version":"2012-10-17","Statement":{"Sid":"NoProd","Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::999999999999:role/UpdateApp"}}';
const denied = (policy: string): Authorization => {
  const doc = parsePolicy(policy).doc;
  if (!doc) throw new Error('fixture');
  const request: AuthzRequest = {
    caller: { type: 'User', arn: 'arn:aws:iam::111111111111:user/Theresa', account: DEVELOPMENT },
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::999999999999:role/UpdateApp',
    resourceAccount: PRODUCTION,
    context: buildContext({ 'aws:userid': 'AIDATHERESA0000000001', 'aws:SourceIp': '127.0.0.1' }),
  };
  const decision = evaluate(
    request,
    compilePolicySet({ identity: [compilePolicy(doc, { id: 'group/Testers/inline/deny' })] }),
  );
  return {
    target: { action: request.action, resource: request.resource, resourceAccount: PRODUCTION, context: {} },
    request,
    decision,
  };
};

describe('encoded authorization messages (https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html)', () => {
  const messages = new AuthorizationMessages(randomBytes(32));

  it("decodes into AWS's JSON for the denied caller's account only", () => {
    const token = messages.encode(DEVELOPMENT, denied(DENY));
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('Theresa');
    const decoded = JSON.parse(messages.decode(token, DEVELOPMENT) ?? 'null');
    expect(decoded).toMatchObject({
      allowed: false,
      explicitDeny: true,
      matchedStatements: {
        items: [
          {
            statementId: 'NoProd',
            effect: 'DENY',
            principals: { items: [{ value: 'AIDATHERESA0000000001' }] },
            actions: { items: [{ value: 'sts:AssumeRole' }] },
            resources: { items: [{ value: 'arn:aws:iam::999999999999:role/UpdateApp' }] },
          },
        ],
      },
      failures: { items: [] },
      context: {
        principal: {
          id: 'AIDATHERESA0000000001',
          name: 'Theresa',
          arn: 'arn:aws:iam::111111111111:user/Theresa',
        },
        action: 'sts:AssumeRole',
        resource: 'arn:aws:iam::999999999999:role/UpdateApp',
        conditions: {
          items: expect.arrayContaining([
            { key: 'aws:sourceip', values: { items: [{ value: '127.0.0.1' }] } },
          ]),
        },
      },
    });
    expect(decoded.trustlab.explanation[0]).toContain('explicit deny');
    expect(messages.decode(token, PRODUCTION)).toBeUndefined();
  });

  it('refuses tokens it did not seal: tampered, from another key, or not base64url', () => {
    const token = messages.encode(DEVELOPMENT, denied(DENY));
    const flipped = `${token.slice(0, 40)}${token[40] === 'A' ? 'B' : 'A'}${token.slice(41)}`;
    expect(messages.decode(flipped, DEVELOPMENT)).toBeUndefined();
    expect(new AuthorizationMessages(randomBytes(32)).decode(token, DEVELOPMENT)).toBeUndefined();
    for (const junk of ['', 'x', 'not a token!', 'A'.repeat(200)])
      expect(messages.decode(junk, DEVELOPMENT)).toBeUndefined();
  });

  it('an implicit deny matches no statement', () => {
    const implicit = denied(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}',
    );
    const decoded = JSON.parse(
      messages.decode(messages.encode(DEVELOPMENT, implicit), DEVELOPMENT) ?? 'null',
    );
    expect([decoded.explicitDeny, decoded.matchedStatements.items]).toEqual([false, []]);
  });

  it('DecodeAuthorizationMessage answers InvalidAuthorizationMessageException for anything else', async () => {
    const f = await openIamFixture();
    try {
      const ctx = { ...f.root(DEVELOPMENT), authorizationMessages: messages };
      const token = messages.encode(DEVELOPMENT, denied(DENY));
      expect(
        JSON.parse((await decodeAuthorizationMessage({ EncodedMessage: token }, ctx)).DecodedMessage ?? ''),
      ).toMatchObject({
        explicitDeny: true,
      });
      expect(await awsFailure(decodeAuthorizationMessage({ EncodedMessage: 'bogus' }, ctx))).toEqual({
        code: 'InvalidAuthorizationMessageException',
        status: 400,
        awsMessage: 'The message passed to DecodeAuthorizationMessage was invalid.',
      });
    } finally {
      await f.close();
    }
  });
});
