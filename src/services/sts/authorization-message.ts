// The encoded authorization message: what AWS hands a denied caller so that someone allowed
// sts:DecodeAuthorizationMessage can read why. trustlab puts one beside every AccessDenied it answers
// (the `x-trustlab-encoded-message` header, never in AWS's message text) and decodes it into the JSON
// AWS documents: allowed, explicitDeny, matchedStatements, failures and the request's context.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html
//
// The token is the message itself, compressed and sealed with AES-256-GCM under a key kept in the data
// directory: a client can neither read it nor forge one, and decoding needs no stored state, so it
// still works when the audit log has rolled over or is written behind. An HMAC'd audit reference
// would be shorter but would depend on the (batched, asynchronous) audit write having landed.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Authorization } from '../../authorize/authorize.js';
import { contextValue } from '../../policy/context.js';
import { explainLines } from '../../policy/explain/explain.js';

/** EncodedMessage's limit in the STS model. */
const MAX_TOKEN = 10_240;
const IV = 12;
const TAG = 16;
const AAD = Buffer.from('trustlab authorization message 1');

/** Seals and opens authorization messages with one key (32 bytes, per data directory). */
export class AuthorizationMessages {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('an authorization message key is 32 bytes');
    this.#key = key;
  }

  /** The token for a denied request of a caller in `account`. */
  encode(account: string, denied: Authorization): string {
    const message = authorizationMessage(denied);
    const token = this.#seal({ account, message });
    // A request with very many condition keys could outgrow what DecodeAuthorizationMessage accepts.
    if (token.length <= MAX_TOKEN) return token;
    return this.#seal({
      account,
      message: { ...message, context: { ...message.context, conditions: { items: [] } } },
    });
  }

  /** The decoded JSON text, or undefined when the token is not one of ours for this account. */
  decode(token: string, account: string): string | undefined {
    const raw = Buffer.from(token, 'base64url');
    if (raw.length <= IV + TAG || raw.toString('base64url') !== token) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, IV));
      decipher.setAAD(AAD);
      decipher.setAuthTag(raw.subarray(IV, IV + TAG));
      const plain = Buffer.concat([decipher.update(raw.subarray(IV + TAG)), decipher.final()]);
      const sealed = JSON.parse(inflateRawSync(plain).toString('utf8')) as Sealed;
      // Only principals of the denied caller's account may read why it was denied.
      return sealed.account === account ? JSON.stringify(sealed.message) : undefined;
    } catch {
      return undefined;
    }
  }

  #seal(sealed: Sealed): string {
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(deflateRawSync(JSON.stringify(sealed))), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }
}

interface Sealed {
  account: string;
  message: DecodedMessage;
}

interface Items<T> {
  items: T[];
}

/** AWS's decoded form, plus trustlab's explanation (a trustlab extension). */
export interface DecodedMessage {
  allowed: boolean;
  explicitDeny: boolean;
  matchedStatements: Items<MatchedStatement>;
  failures: Items<never>;
  context: {
    principal: { id: string; name?: string; arn: string };
    action: string;
    resource: string;
    conditions: Items<{ key: string; values: Items<{ value: string }> }>;
  };
  trustlab: { explanation: string[] };
}

interface MatchedStatement {
  statementId: string;
  effect: 'DENY';
  principals: Items<{ value: string }>;
  principalGroups: Items<never>;
  actions: Items<{ value: string }>;
  resources: Items<{ value: string }>;
  conditions: Items<never>;
}

/** The decoded message of a denied request, as AWS lays it out. */
export function authorizationMessage({ request, decision }: Authorization): DecodedMessage {
  const { caller } = request;
  const userId = contextValue(request.context, 'aws:userid');
  const id = typeof userId === 'string' ? userId : caller.arn;
  const explicit = decision.verdict === 'ExplicitlyDenied';
  return {
    allowed: false,
    explicitDeny: explicit,
    // The denying statements; trustlab names the action and resource they matched, not their whole text.
    matchedStatements: {
      items: explicit
        ? decision.reasons.map((reason) => ({
            statementId: reason.sid ?? '',
            effect: 'DENY',
            // A session's statements name its role's id (`AROA…`), without the session name.
            principals: { items: [{ value: id.split(':')[0] ?? id }] },
            principalGroups: { items: [] },
            actions: { items: [{ value: request.action }] },
            resources: { items: [{ value: request.resource }] },
            conditions: { items: [] },
          }))
        : [],
    },
    failures: { items: [] },
    context: {
      principal: {
        id,
        ...(caller.type === 'User' ? { name: caller.arn.slice(caller.arn.lastIndexOf('/') + 1) } : {}),
        arn: caller.arn,
      },
      action: request.action,
      resource: request.resource,
      conditions: {
        items: [...request.context].map(([key, value]) => ({
          key,
          values: { items: (typeof value === 'string' ? [value] : [...value]).map((v) => ({ value: v })) },
        })),
      },
    },
    trustlab: { explanation: explainLines(decision, request.action) },
  };
}
