// The IAM and STS part of the delegate-access tutorial with boto3 (the machine's Python) against a started
// trustlab: python/delegate_access_tutorial.py plays the steps of ./delegate-access.ts and reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNTS,
  DAVID_IDENTITY,
  DAVID_SESSION_ARN,
  roleProfileConfig,
  SETUP,
  SOME_SESSION_ARN,
  STEP3,
} from './delegate-access.js';
import { aws, type RunningTrustlab, startTrustlab } from './start-trustlab.js';

const script = new URL('python/delegate_access_tutorial.py', import.meta.url).pathname;

let lab: RunningTrustlab;
let out: Record<string, unknown>;
beforeAll(async () => {
  lab = await startTrustlab();
  const tutorial = {
    url: lab.url,
    accounts: ACCOUNTS,
    setup: SETUP,
    step3: STEP3,
    // boto3 sends a role_arn profile's AssumeRole to the profile's endpoint_url; the script fills in David's keys.
    roleProfile: roleProfileConfig({ key: '{key}', secret: '{secret}' }, `endpoint_url = ${lab.url}\n`),
  };
  // aws() runs it as it runs the CLIs: its own HOME, config and credentials files in a temp dir.
  const run = await aws([script, JSON.stringify(tutorial)], {}, 'python3');
  if (run.code !== 0) throw new Error(run.stderr);
  out = JSON.parse(run.stdout);
}, 60_000);
afterAll(() => lab?.stop());

describe('the tutorial with boto3', () => {
  it("Step 3: David's AssumeRole returns session credentials, and they act as the role session", () => {
    expect(out.assumed_role_user).toBe(DAVID_SESSION_ARN);
    expect(out.access_key_id).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.identity).toMatchObject(DAVID_IDENTITY);
  });

  it('Step 3: the session has only the role’s permissions', () => {
    expect(out.session_create_user).toEqual(STEP3.sessionCreateUserDenied);
  });

  it('Step 3: Theresa is refused by the explicit deny in the Testers policy', () => {
    expect(out.theresa_assume_role).toEqual(STEP3.theresaDenied);
  });

  it('a role_arn + source_profile profile assumes the role by itself', () => {
    expect(out.profile_identity).toMatch(SOME_SESSION_ARN);
  });
});
