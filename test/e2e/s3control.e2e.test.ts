// Account-level Block Public Access with boto3's s3control client against a started trustlab: kept per
// account, read back, refused to another account, and applied on top of each bucket's own settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aws, DEVELOPMENT, PRODUCTION, type RunningTrustlab, startTrustlab } from './start-trustlab.js';

const script = new URL('python/s3control_public_access_block.py', import.meta.url).pathname;

let lab: RunningTrustlab;
let out: Record<string, unknown>;
beforeAll(async () => {
  lab = await startTrustlab();
  const run = await aws(
    [script, JSON.stringify({ url: lab.url, production: PRODUCTION, development: DEVELOPMENT })],
    {},
    'python3',
  );
  if (run.code !== 0) throw new Error(run.stderr);
  out = JSON.parse(run.stdout);
}, 60_000);
afterAll(() => lab?.stop());

const missing = {
  code: 'NoSuchPublicAccessBlockConfiguration',
  message: 'The public access block configuration was not found',
  status: 404,
};

describe('S3 Control: account-level Block Public Access with boto3', () => {
  it('answers NoSuchPublicAccessBlockConfiguration until settings are put, and after they are deleted', () => {
    expect(out.missing).toEqual(missing);
    expect(out.after_delete).toEqual(missing);
  });

  it('keeps the settings an account puts, and refuses them to another account', () => {
    expect(out.got).toEqual({
      BlockPublicAcls: false,
      IgnorePublicAcls: false,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: false,
    });
    expect(out.other_account).toEqual({ code: 'AccessDenied', message: 'Access Denied', status: 403 });
  });

  it('applies the account’s BlockPublicPolicy to a bucket whose own settings are off', () => {
    expect(out.public_policy_blocked).toEqual({
      code: 'AccessDenied',
      message: 'Access Denied',
      status: 403,
    });
    expect(out.public_policy_allowed).toBeNull();
  });
});
