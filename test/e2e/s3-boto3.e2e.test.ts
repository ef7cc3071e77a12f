// The tutorials' S3 endings with boto3 (the machine's Python) against a started trustlab:
// python/s3_tutorial.py plays them with the credentials set up here and reports what each call did.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAVID_SESSION_ARN } from './delegate-access.js';
import { DENIED, setUpS3Tutorial } from './s3-tutorial-setup.js';
import { aws, type RunningTrustlab, startTrustlab } from './start-trustlab.js';

const script = new URL('python/s3_tutorial.py', import.meta.url).pathname;

let lab: RunningTrustlab;
let scratch = '';
let out: Record<string, unknown>;
beforeAll(async () => {
  lab = await startTrustlab();
  scratch = mkdtempSync(join(tmpdir(), 'trustlab-boto3-s3-'));
  const tutorial = await setUpS3Tutorial(lab.url);
  const input = {
    url: lab.url,
    scratch,
    session: tutorial.session,
    david: tutorial.user('David'),
    production: tutorial.production,
  };
  const run = await aws([script, JSON.stringify(input)], {}, 'python3');
  if (run.code !== 0) throw new Error(run.stderr);
  out = JSON.parse(run.stdout);
}, 180_000);
afterAll(async () => {
  await lab?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const denied = (message: string) => ({ code: 'AccessDenied', message, status: 403 });

describe('the S3 steps with boto3', () => {
  it('in the UpdateApp session, David lists, puts and gets in productionapp', () => {
    expect(out.listed).toEqual([['app/index.html', 12]]);
    expect(out.got).toBe('<h1>app</h1>');
  });

  it('in the UpdateApp session, otherbucket is refused with S3’s message; David’s own keys get nothing', () => {
    expect(out.other_list).toEqual(
      denied(DENIED.sessionOn(DAVID_SESSION_ARN, 's3:ListBucket', 'arn:aws:s3:::otherbucket')),
    );
    expect(out.other_get).toEqual(
      denied(DENIED.sessionOn(DAVID_SESSION_ARN, 's3:GetObject', 'arn:aws:s3:::otherbucket/secret.txt')),
    );
    expect(out.own_keys_list).toEqual(denied(DENIED.crossAccount));
  });

  it('accounts A/B: David writes into the other account’s bucket only with bucket-owner-full-control', () => {
    expect(out.cross_without_acl).toEqual(denied(DENIED.crossAccount));
    expect(out.cross_read_by_owner).toBe('from account A');
  });

  it('upload_file and download_file move 100 MiB in 8 MiB parts, byte-identical', () => {
    expect(out.big_etag).toMatch(/-13"$/);
    expect(out.big_identical).toBe(true);
  });

  it('a SigV4 presigned URL serves the object to a plain HTTP client; a SigV2 one is refused as S3 does', () => {
    expect(out.presigned_v4).toEqual({ status: 200, body: '<h1>app</h1>' });
    const v2 = out.presigned_v2 as { status: number; body: string };
    expect(v2.status).toBe(400);
    expect(v2.body).toContain('<Code>InvalidRequest</Code>');
    expect(v2.body).toContain(
      '<Message>The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.</Message>',
    );
  });

  it('virtual-hosted addressing reaches the bucket by its host name, with the same authorization', () => {
    expect(out.virtual_hosts).toEqual(['otherbucket.localhost', 'productionapp.localhost']);
    expect(out.virtual_got).toBe('by host');
    expect(out.virtual_other_list).toEqual(
      denied(DENIED.sessionOn(DAVID_SESSION_ARN, 's3:ListBucket', 'arn:aws:s3:::otherbucket')),
    );
  });
});
