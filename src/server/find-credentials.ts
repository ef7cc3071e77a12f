import { parseIamArn } from '../arn/iam-arn.js';
import type { AccessKeyRecord as SigningKey } from '../auth/credentials.js';
import type { PolicyCache } from '../authorize/policy-cache.js';
import { callerFromArn } from '../policy/evaluate/caller-from-arn.js';
import type { Caller } from '../services/handler-context.js';
import type { Store } from '../store/store.js';

/** A signing key and the caller it authenticates. */
export interface Credentials {
  key: SigningKey;
  caller: Caller;
}

/**
 * Finds the credentials behind an access key id: a session (ASIA…) issued by STS, or a long-term key
 * (AKIA…) of a user or of an account's root user. Undefined when no such key exists. Kept per IAM epoch:
 * keys and users change only with IAM writes, and a session never changes once issued; but sessions are
 * issued without moving the epoch, so a session key not found is not kept.
 */
export function findCredentials(
  store: Store,
  cache: PolicyCache,
  accessKeyId: string,
): Promise<Credentials | undefined> {
  return cache.remember(
    store,
    `credentials\n${accessKeyId}`,
    () => readCredentials(store, accessKeyId),
    (found) => found !== undefined || !isSessionKey(accessKeyId),
  );
}

const isSessionKey = (accessKeyId: string) => accessKeyId.startsWith('ASIA');

async function readCredentials(store: Store, accessKeyId: string): Promise<Credentials | undefined> {
  if (isSessionKey(accessKeyId)) {
    const session = await store.getSession(accessKeyId);
    if (!session) return undefined;
    const facts = callerFromArn(session.principalArn);
    if (!facts) return undefined;
    // A session ARN does not show the role's path; the session remembers the role's full ARN.
    if (session.roleArn) facts.roleArn = session.roleArn;
    // A GetSessionToken session of a user acts as that user.
    const principal = parseIamArn(session.principalArn);
    const userName = principal?.kind === 'user' ? principal.name : undefined;
    return {
      key: {
        accessKeyId,
        secretAccessKey: session.secretAccessKey,
        status: 'Active',
        principalArn: session.principalArn,
        account: session.accountId,
        sessionToken: session.sessionToken,
        expiration: new Date(session.expiration),
      },
      caller: {
        facts,
        account: session.accountId,
        accessKeyId,
        principalId: session.principalId,
        session,
        ...(userName ? { userName } : {}),
      },
    };
  }
  const stored = await store.getAccessKey(accessKeyId);
  if (!stored) return undefined;
  const user = stored.userName ? await store.getUser(stored.accountId, stored.userName) : undefined;
  if (stored.userName && !user) return undefined;
  const principalArn = user ? user.arn : `arn:aws:iam::${stored.accountId}:root`;
  const facts = callerFromArn(principalArn);
  if (!facts) return undefined;
  return {
    key: {
      accessKeyId,
      secretAccessKey: stored.secretAccessKey,
      status: stored.status,
      principalArn,
      account: stored.accountId,
    },
    caller: {
      facts,
      account: stored.accountId,
      accessKeyId,
      principalId: user ? user.id : stored.accountId,
      ...(user ? { userName: user.name } : {}),
    },
  };
}
