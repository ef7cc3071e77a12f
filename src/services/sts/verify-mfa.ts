// AssumeRole and GetSessionToken with SerialNumber and TokenCode: the code must come from the
// caller's own enabled MFA device, and then the request carries aws:MultiFactorAuthPresent, which
// trust policies test. https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
import type { ContextValue } from '../../policy/types.js';
import { accessDenied } from '../../protocol/errors.js';
import type { Store } from '../../store/store.js';
import type { Caller } from '../handler-context.js';
import { matchTotp } from '../totp.js';

const INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';

/**
 * Verifies the MFA code of an STS request (once: the step is recorded so a code is not reused) and
 * returns the condition keys it adds; undefined when the request carries no MFA.
 */
export async function verifyStsMfa(
  input: Readonly<Record<string, unknown>>,
  caller: Caller,
  store: Store,
  now: Date,
): Promise<Record<string, ContextValue> | undefined> {
  const serial = input.SerialNumber;
  const code = input.TokenCode;
  if (typeof serial !== 'string' && typeof code !== 'string') return undefined;
  const device = typeof serial === 'string' ? await store.getMfaDevice(serial) : undefined;
  const owned =
    device !== undefined &&
    device.accountId === caller.account &&
    device.enableDate !== undefined &&
    (caller.userName ? device.userName === caller.userName : device.enabledForRoot);
  const step =
    owned && typeof code === 'string'
      ? matchTotp(
          device.seed,
          code,
          now,
          device.lastUsedStep === undefined ? {} : { lastUsedStep: device.lastUsedStep },
        )
      : undefined;
  if (!device || step === undefined) throw accessDenied(INVALID_CODE);
  await store.transaction((tx) => tx.updateMfaDevice(device.serialNumber, { lastUsedStep: step }));
  return { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '0' };
}
