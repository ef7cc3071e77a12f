import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../totp.js';
import { awsFailure, DEVELOPMENT, type IamFixture, NOW, openIamFixture } from './iam-test-fixture.js';
import {
  createVirtualMfaDevice,
  deactivateMfaDevice,
  deleteVirtualMfaDevice,
  enableMfaDevice,
  listMfaDevices,
  listVirtualMfaDevices,
} from './mfa.js';
import { createUser, deleteUser } from './users.js';

let f: IamFixture;
beforeEach(async () => {
  f = await openIamFixture();
});
afterEach(() => f.close());

const SERIAL = 'arn:aws:iam::111111111111:mfa/David';

/** What an authenticator app shows for the seed CreateVirtualMFADevice returned. */
function codes(seedBytes: Uint8Array | undefined, now: Date): [string, string] {
  const seed = Buffer.from(seedBytes ?? new Uint8Array()).toString('ascii');
  const step = totpStep(now);
  return [totpCode(seed, step - 1), totpCode(seed, step)];
}

// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html
describe('virtual MFA devices', () => {
  it('creates a device, enables it for David with two consecutive codes, lists and deactivates it', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    const { VirtualMFADevice } = await createVirtualMfaDevice({ VirtualMFADeviceName: 'David' }, dev);
    expect(VirtualMFADevice.SerialNumber).toBe(SERIAL);
    const seedText = Buffer.from(VirtualMFADevice.Base32StringSeed ?? new Uint8Array()).toString('ascii');
    expect(seedText).toMatch(/^[A-Z2-7]{64}$/);

    const [code1, code2] = codes(VirtualMFADevice.Base32StringSeed, NOW);
    await enableMfaDevice(
      { UserName: 'David', SerialNumber: SERIAL, AuthenticationCode1: code1, AuthenticationCode2: code2 },
      dev,
    );
    const device = await f.store.getMfaDevice(SERIAL);
    expect(device?.userName).toBe('David');
    // The codes used to enable the device cannot be replayed (e.g. to sts:AssumeRole with TokenCode).
    expect(device?.lastUsedStep).toBe(totpStep(NOW));
    expect((await listMfaDevices({ UserName: 'David' }, dev)).MFADevices).toEqual([
      { UserName: 'David', SerialNumber: SERIAL, EnableDate: NOW },
    ]);
    expect((await listMfaDevices({}, f.user('David', DEVELOPMENT))).MFADevices).toHaveLength(1);
    const assigned = await listVirtualMfaDevices({ AssignmentStatus: 'Assigned' }, dev);
    expect(assigned.VirtualMFADevices[0]?.User?.UserName).toBe('David');
    expect((await listVirtualMfaDevices({ AssignmentStatus: 'Unassigned' }, dev)).VirtualMFADevices).toEqual(
      [],
    );

    // A user with an MFA device cannot be deleted; the device cannot be deleted while in use.
    expect((await awsFailure(deleteUser({ UserName: 'David' }, dev))).awsMessage).toBe(
      'Cannot delete entity, must delete MFA device first.',
    );
    expect((await awsFailure(deleteVirtualMfaDevice({ SerialNumber: SERIAL }, dev))).code).toBe(
      'DeleteConflict',
    );
    await deactivateMfaDevice({ UserName: 'David', SerialNumber: SERIAL }, dev);
    expect((await listMfaDevices({ UserName: 'David' }, dev)).MFADevices).toEqual([]);
    await deleteVirtualMfaDevice({ SerialNumber: SERIAL }, dev);
    expect(await awsFailure(deleteVirtualMfaDevice({ SerialNumber: SERIAL }, dev))).toEqual({
      code: 'NoSuchEntity',
      status: 404,
      awsMessage: `VirtualMFADevice with serial number ${SERIAL} doesn't exist.`,
    });
  });

  it('refuses wrong or out-of-order codes, a device in use and a duplicate device', async () => {
    const dev = f.root(DEVELOPMENT);
    await createUser({ UserName: 'David' }, dev);
    await createUser({ UserName: 'Theresa' }, dev);
    const { VirtualMFADevice } = await createVirtualMfaDevice({ VirtualMFADeviceName: 'David' }, dev);
    const [code1, code2] = codes(VirtualMFADevice.Base32StringSeed, NOW);
    const enable = (user: string, a: string, b: string) =>
      enableMfaDevice(
        { UserName: user, SerialNumber: SERIAL, AuthenticationCode1: a, AuthenticationCode2: b },
        dev,
      );
    expect(await awsFailure(enable('David', code2, code1))).toEqual({
      code: 'InvalidAuthenticationCode',
      status: 403,
      awsMessage: 'Authentication code for device is not valid.',
    });
    await enable('David', code1, code2);
    expect(await awsFailure(enable('Theresa', code1, code2))).toEqual({
      code: 'EntityAlreadyExists',
      status: 409,
      awsMessage: 'MFA Device is already in use.',
    });
    expect(await awsFailure(createVirtualMfaDevice({ VirtualMFADeviceName: 'David' }, dev))).toEqual({
      code: 'EntityAlreadyExists',
      status: 409,
      awsMessage: 'MFADevice entity at the same path and name already exists.',
    });
  });
});
