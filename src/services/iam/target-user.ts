// Operations whose UserName is optional act on the caller: "If you do not specify a user name, IAM
// determines the user name implicitly based on the Amazon Web Services access key ID signing the
// request. This operation works for access keys under the Amazon Web Services account. Consequently,
// you can use this operation to manage Amazon Web Services account root user credentials"
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html).
import { parseIamArn } from '../../arn/iam-arn.js';
import { validationError } from '../../protocol/errors.js';
import type { UserRecord } from '../../store/records.js';
import type { StoreReads } from '../../store/store.js';
import type { HandlerContext } from '../handler-context.js';
import { noSuchEntity } from './iam-errors.js';

/** The user named, else the signing user; undefined means the account's root user. */
export function targetUserName(userName: string | undefined, ctx: HandlerContext): string | undefined {
  if (userName !== undefined) return userName;
  const { caller } = ctx;
  if (caller.userName !== undefined) return caller.userName;
  if (caller.facts.type === 'Account') return undefined;
  // A GetSessionToken session of an IAM user acts as that user.
  const arn = caller.facts.type === 'User' ? parseIamArn(caller.facts.arn) : undefined;
  if (arn?.kind === 'user') return arn.name;
  throw validationError('Must specify userName when calling with non-User credentials');
}

export async function requireUser(reads: StoreReads, account: string, name: string): Promise<UserRecord> {
  const user = await reads.getUser(account, name);
  if (!user) throw noSuchEntity('user', name);
  return user;
}
