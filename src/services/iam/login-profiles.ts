// Console passwords of IAM users, kept as scrypt hashes.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html
import { validationError } from '../../protocol/errors.js';
import { hashPassword } from '../../store/password-hash.js';
import type { LoginProfileRecord } from '../../store/records.js';
import type { HandlerContext } from '../handler-context.js';
import { loginProfileExists, noSuchLoginProfile } from './iam-errors.js';
import type { IamHandler } from './iam-handler.js';
import { toDate } from './iam-shapes.js';
import { requireUser, targetUserName } from './target-user.js';

export const createLoginProfile: IamHandler<'CreateLoginProfile'> = async (input, ctx) => {
  const name = await profileUser(input.UserName, ctx);
  // trustlab extension: the model leaves Password optional for AWS Organizations' root-access feature,
  // which trustlab does not have; an IAM user's console access needs a password.
  if (input.Password === undefined) throw validationError('Password is required to create a login profile.');
  if (await ctx.store.getLoginProfile(ctx.caller.account, name)) throw loginProfileExists(name);
  // Hashing is slow: done before the transaction, which runs one at a time.
  const passwordHash = await hashPassword(input.Password);
  const profile = await ctx.store.transaction(async (tx) => {
    const user = await requireUser(tx, ctx.caller.account, name);
    if (await tx.getLoginProfile(ctx.caller.account, user.name)) throw loginProfileExists(user.name);
    const record: LoginProfileRecord = {
      accountId: ctx.caller.account,
      userName: user.name,
      passwordHash,
      passwordResetRequired: input.PasswordResetRequired ?? false,
      createDate: ctx.now.getTime(),
    };
    await tx.putLoginProfile(record);
    return record;
  });
  return { LoginProfile: toProfile(profile) };
};

export const getLoginProfile: IamHandler<'GetLoginProfile'> = async (input, ctx) => {
  const name = await profileUser(input.UserName, ctx);
  const profile = await ctx.store.getLoginProfile(ctx.caller.account, name);
  if (!profile) throw noSuchLoginProfile(name);
  return { LoginProfile: toProfile(profile) };
};

export const updateLoginProfile: IamHandler<'UpdateLoginProfile'> = async (input, ctx) => {
  const name = await profileUser(input.UserName, ctx);
  if (!(await ctx.store.getLoginProfile(ctx.caller.account, name))) throw noSuchLoginProfile(name);
  const passwordHash = input.Password === undefined ? undefined : await hashPassword(input.Password);
  await ctx.store.transaction(async (tx) => {
    const current = await tx.getLoginProfile(ctx.caller.account, name);
    if (!current) throw noSuchLoginProfile(name);
    await tx.putLoginProfile({
      ...current,
      ...(passwordHash !== undefined && { passwordHash }),
      ...(input.PasswordResetRequired !== undefined && {
        passwordResetRequired: input.PasswordResetRequired,
      }),
    });
  });
  return undefined;
};

export const deleteLoginProfile: IamHandler<'DeleteLoginProfile'> = async (input, ctx) => {
  const name = await profileUser(input.UserName, ctx);
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.getLoginProfile(ctx.caller.account, name))) throw noSuchLoginProfile(name);
    await tx.deleteLoginProfile(ctx.caller.account, name);
  });
  return undefined;
};

/** The user whose password it is (the caller when UserName is absent); the user must exist. */
async function profileUser(userName: string | undefined, ctx: HandlerContext): Promise<string> {
  const name = targetUserName(userName, ctx);
  if (name === undefined)
    throw validationError('Must specify userName when calling with non-User credentials');
  return (await requireUser(ctx.store, ctx.caller.account, name)).name;
}

function toProfile(profile: LoginProfileRecord) {
  return {
    UserName: profile.userName,
    CreateDate: toDate(profile.createDate),
    PasswordResetRequired: profile.passwordResetRequired,
  };
}
