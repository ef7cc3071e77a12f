import { newAccessKeyId, newSecretAccessKey, newSessionToken } from '../../arn/aws-ids.js';
import type { Credentials } from '../../protocol/generated/sts.js';
import type { SessionRecord } from '../../store/records.js';
import type { HandlerContext } from '../handler-context.js';

/** The part of a session the operation decides; keys, token and times are made here. */
export type SessionFacts = Omit<
  SessionRecord,
  'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'issuedAt' | 'expiration'
>;

/** Stores a new session (ASIA… key, secret, token) lasting `durationSeconds`, and returns its credentials. */
export async function issueSession(
  ctx: HandlerContext,
  facts: SessionFacts,
  durationSeconds: number,
): Promise<Credentials> {
  const issuedAt = ctx.now.getTime();
  // AWS reports the expiration to the second.
  const expiration = Math.floor((issuedAt + durationSeconds * 1000) / 1000) * 1000;
  const session: SessionRecord = {
    ...facts,
    accessKeyId: newAccessKeyId(facts.accountId, 'session'),
    secretAccessKey: newSecretAccessKey(),
    sessionToken: newSessionToken(),
    issuedAt,
    expiration,
  };
  await ctx.store.transaction((tx) => tx.createSession(session));
  return {
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: new Date(expiration),
  };
}
