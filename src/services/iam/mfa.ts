// Virtual MFA devices: create, enable with two consecutive codes, list, deactivate, delete.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html
import { formatIamArn, newMfaSeed, rootArn } from '../../arn/index.js';
import { awsError } from '../../protocol/errors.js';
import type { User, VirtualMFADevice } from '../../protocol/generated/iam.js';
import type { MfaDeviceRecord } from '../../store/records.js';
import type { HandlerContext } from '../handler-context.js';
import { matchConsecutiveCodes } from '../totp.js';
import { deleteConflict, noSuchMfaDevice } from './iam-errors.js';
import type { IamHandler } from './iam-handler.js';
import { toDate, toTags, toUser } from './iam-shapes.js';
import { pageRequest, pageResult } from './paging.js';
import { readTags } from './tag-rules.js';
import { requireUser, targetUserName } from './target-user.js';

export const createVirtualMfaDevice: IamHandler<'CreateVirtualMFADevice'> = async (input, ctx) => {
  const account = ctx.caller.account;
  const path = input.Path ?? '/';
  const tags = readTags(input.Tags);
  const serialNumber = formatIamArn({ account, kind: 'mfa', path, name: input.VirtualMFADeviceName });
  const seed = newMfaSeed();
  await ctx.store.transaction(async (tx) => {
    if (await tx.getMfaDevice(serialNumber)) {
      throw awsError(
        'iam',
        'EntityAlreadyExists',
        'MFADevice entity at the same path and name already exists.',
      );
    }
    await tx.createMfaDevice({
      accountId: account,
      serialNumber,
      name: input.VirtualMFADeviceName,
      path,
      seed,
      enabledForRoot: false,
      createDate: ctx.now.getTime(),
      tags,
    });
  });
  // Base32StringSeed is a blob whose bytes are the Base32 text; the protocol base64-encodes it and the
  // aws CLI's --bootstrap-method Base32StringSeed writes the decoded text to --outfile.
  return {
    VirtualMFADevice: {
      SerialNumber: serialNumber,
      Base32StringSeed: Buffer.from(seed, 'ascii'),
      ...(tags.length > 0 && { Tags: toTags(tags) }),
    },
  };
};

export const enableMfaDevice: IamHandler<'EnableMFADevice'> = async (input, ctx) => {
  const account = ctx.caller.account;
  const user = await requireUser(ctx.store, account, input.UserName);
  const device = await accountDevice(input.SerialNumber, ctx);
  if (device.userName !== undefined || device.enabledForRoot) {
    throw awsError('iam', 'EntityAlreadyExists', 'MFA Device is already in use.');
  }
  const step = matchConsecutiveCodes(
    device.seed,
    input.AuthenticationCode1,
    input.AuthenticationCode2,
    ctx.now,
  );
  if (step === undefined) {
    throw awsError('iam', 'InvalidAuthenticationCode', 'Authentication code for device is not valid.');
  }
  await ctx.store.transaction(async (tx) => {
    const current = await tx.getMfaDevice(device.serialNumber);
    if (!current) throw noSuchMfaDevice(device.serialNumber);
    if (current.userName !== undefined || current.enabledForRoot) {
      throw awsError('iam', 'EntityAlreadyExists', 'MFA Device is already in use.');
    }
    // The codes just used may not serve again, e.g. for sts:AssumeRole with TokenCode.
    await tx.updateMfaDevice(device.serialNumber, {
      userName: user.name,
      enableDate: ctx.now.getTime(),
      lastUsedStep: step,
    });
  });
  return undefined;
};

export const deactivateMfaDevice: IamHandler<'DeactivateMFADevice'> = async (input, ctx) => {
  const userName = targetUserName(input.UserName, ctx);
  const user =
    userName === undefined ? undefined : await requireUser(ctx.store, ctx.caller.account, userName);
  const device = await accountDevice(input.SerialNumber, ctx);
  const assigned = user ? device.userName?.toLowerCase() === user.name.toLowerCase() : device.enabledForRoot;
  if (!assigned) throw noSuchMfaDevice(input.SerialNumber);
  await ctx.store.transaction((tx) =>
    tx.updateMfaDevice(device.serialNumber, { userName: null, enabledForRoot: false, enableDate: null }),
  );
  return undefined;
};

export const deleteVirtualMfaDevice: IamHandler<'DeleteVirtualMFADevice'> = async (input, ctx) => {
  const device = await accountDevice(input.SerialNumber, ctx);
  // "You must deactivate a user's virtual MFA device before you can delete it."
  if (device.userName !== undefined || device.enabledForRoot)
    throw deleteConflict('MFA Device is still in use.');
  await ctx.store.transaction((tx) => tx.deleteMfaDevice(device.serialNumber));
  return undefined;
};

export const listMfaDevices: IamHandler<'ListMFADevices'> = async (input, ctx) => {
  const userName = targetUserName(input.UserName, ctx);
  const user =
    userName === undefined ? undefined : await requireUser(ctx.store, ctx.caller.account, userName);
  const page = await ctx.store.listMfaDevices(
    ctx.caller.account,
    { assignment: 'Assigned', ...(user && { userName: user.name }) },
    pageRequest(input),
  );
  const mine = page.items.filter((d) => (user ? d.userName !== undefined : d.enabledForRoot));
  return {
    MFADevices: mine.map((d) => ({
      UserName: d.userName ?? ctx.caller.account,
      SerialNumber: d.serialNumber,
      EnableDate: toDate(d.enableDate ?? d.createDate),
    })),
    ...pageResult(page),
  };
};

export const listVirtualMfaDevices: IamHandler<'ListVirtualMFADevices'> = async (input, ctx) => {
  const page = await ctx.store.listMfaDevices(
    ctx.caller.account,
    { assignment: input.AssignmentStatus ?? 'Any' },
    pageRequest(input),
  );
  const devices: VirtualMFADevice[] = [];
  for (const d of page.items) devices.push(await toVirtualDevice(d, ctx));
  return { VirtualMFADevices: devices, ...pageResult(page) };
};

/** A device of the caller's account; NoSuchEntity for any other serial number. */
async function accountDevice(serialNumber: string, ctx: HandlerContext): Promise<MfaDeviceRecord> {
  const device = await ctx.store.getMfaDevice(serialNumber);
  if (!device || device.accountId !== ctx.caller.account) throw noSuchMfaDevice(serialNumber);
  return device;
}

async function toVirtualDevice(d: MfaDeviceRecord, ctx: HandlerContext): Promise<VirtualMFADevice> {
  let user: User | undefined;
  if (d.userName !== undefined) {
    const record = await ctx.store.getUser(d.accountId, d.userName);
    if (record) user = toUser(record, false);
  } else if (d.enabledForRoot) {
    user = { Arn: rootArn(d.accountId), UserId: d.accountId } as User;
  }
  return {
    SerialNumber: d.serialNumber,
    ...(user && { User: user }),
    ...(d.enableDate !== undefined && { EnableDate: toDate(d.enableDate) }),
    ...(d.tags.length > 0 && { Tags: toTags(d.tags) }),
  };
}
