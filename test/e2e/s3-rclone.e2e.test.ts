// rclone (Debian's package, installed by .ci/run) against a started trustlab: a tree with nested folders
// and a file large enough for multipart copied up, listed, checked by hash, synced down byte-identical,
// deleted; then the delegate-access ending in David's UpdateApp session: productionapp is his to read,
// otherbucket refuses him, and rclone's writes need what they need on AWS.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Tutorial, setUpS3Tutorial } from './s3-tutorial-setup.js';
import { type Credentials, sdkConfig } from './sdk-setup.js';
import { type RunningTrustlab, startTrustlab } from './start-trustlab.js';

const RCLONE = '/usr/bin/rclone';
const MiB = 1024 * 1024;

describe('rclone against trustlab', () => {
  let lab: RunningTrustlab;
  let tutorial: S3Tutorial;
  let scratch = '';

  /** Runs rclone with a remote `tl:` made of environment variables only: no config file is read. */
  async function rclone(who: Credentials, args: string[]) {
    const remote = {
      RCLONE_CONFIG_TL_TYPE: 's3',
      RCLONE_CONFIG_TL_PROVIDER: 'Other',
      RCLONE_CONFIG_TL_ENDPOINT: lab.url,
      RCLONE_CONFIG_TL_REGION: 'us-east-1',
      RCLONE_CONFIG_TL_ACCESS_KEY_ID: who.accessKeyId,
      RCLONE_CONFIG_TL_SECRET_ACCESS_KEY: who.secretAccessKey,
      ...(who.sessionToken ? { RCLONE_CONFIG_TL_SESSION_TOKEN: who.sessionToken } : {}),
    };
    try {
      const { stdout, stderr } = await promisify(execFile)(RCLONE, args, {
        // Not the caller's environment: AWS_CA_BUNDLE and the like would change how rclone connects.
        env: {
          PATH: process.env.PATH ?? '',
          HOME: scratch,
          RCLONE_CONFIG: '/dev/null',
          ...remote,
        },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failure.code ?? 1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
    }
  }

  beforeAll(async () => {
    // INVARIANT: `.ci/run` installs Debian's rclone; without it this suite cannot say anything.
    if (!existsSync(RCLONE)) throw new Error(`${RCLONE} is missing: run .ci/run, or apt-get install rclone`);
    scratch = mkdtempSync(join(tmpdir(), 'trustlab-rclone-'));
    lab = await startTrustlab();
    tutorial = await setUpS3Tutorial(lab.url);
  }, 60_000);
  afterAll(async () => {
    await lab?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('copies a tree up in parts, lists and checks it, syncs it down byte-identical, and removes it', async () => {
    const root = tutorial.production;
    const tree = join(scratch, 'tree');
    mkdirSync(join(tree, 'docs/2026/q4'), { recursive: true });
    writeFileSync(join(tree, 'docs/2026/q4/report.txt'), 'numbers\n');
    writeFileSync(join(tree, 'docs/readme.md'), '# docs\n');
    writeFileSync(join(tree, 'big.bin'), randomBytes(12 * MiB));
    expect(await rclone(root, ['mkdir', 'tl:rclone-bucket'])).toMatchObject({ code: 0 });
    // 5 MiB parts above 5 MiB: big.bin goes as a three-part multipart upload.
    const parts = ['--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M'];
    expect(await rclone(root, ['copy', tree, 'tl:rclone-bucket/tree', ...parts])).toMatchObject({ code: 0 });

    const listed = JSON.parse(
      (await rclone(root, ['lsjson', '-R', '--files-only', 'tl:rclone-bucket'])).stdout,
    ) as {
      Path: string;
      Size: number;
    }[];
    expect(listed.map((f) => [f.Path, f.Size]).sort()).toEqual([
      ['tree/big.bin', 12 * MiB],
      ['tree/docs/2026/q4/report.txt', 8],
      ['tree/docs/readme.md', 7],
    ]);
    const check = await rclone(root, ['check', tree, 'tl:rclone-bucket/tree']);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('0 differences found');
    expect(check.stderr).toContain('3 matching files');

    const down = join(scratch, 'down');
    expect(await rclone(root, ['sync', 'tl:rclone-bucket/tree', down])).toMatchObject({ code: 0 });
    for (const file of ['big.bin', 'docs/2026/q4/report.txt', 'docs/readme.md']) {
      expect(readFileSync(join(down, file)).equals(readFileSync(join(tree, file)))).toBe(true);
    }

    expect(await rclone(root, ['purge', 'tl:rclone-bucket/tree'])).toMatchObject({ code: 0 });
    expect((await rclone(root, ['lsf', '-R', 'tl:rclone-bucket'])).stdout).toBe('');
    expect(await rclone(root, ['rmdir', 'tl:rclone-bucket'])).toMatchObject({ code: 0 });
    expect((await rclone(root, ['lsd', 'tl:'])).stdout).not.toContain('rclone-bucket');
  }, 120_000);

  it('accounts A/B: with bucket-owner-full-control, David writes into the other account’s bucket', async () => {
    const david = tutorial.user('David');
    const file = join(scratch, 'from-a.txt');
    writeFileSync(file, 'from account A\n');
    // David may not read the bucket: rclone must neither look before it writes nor HEAD what it wrote (on
    // AWS both are refused too).
    const copy = (acl: string) =>
      rclone(david, [
        'copy',
        file,
        'tl:cross-account-bucket',
        '--s3-no-check-bucket',
        '--no-check-dest',
        '--s3-no-head',
        '--s3-acl',
        acl,
        '--retries',
        '1',
      ]);
    // rclone's default `private` does not meet the bucket policy's condition; S3 tells another account no more.
    expect((await copy('private')).stderr).toContain('AccessDenied: Access Denied');
    expect((await copy('bucket-owner-full-control')).stderr).toBe('');
    expect((await rclone(tutorial.production, ['cat', 'tl:cross-account-bucket/from-a.txt'])).stdout).toBe(
      'from account A\n',
    );
  });

  it('in the UpdateApp session, rclone reads productionapp, is refused otherbucket, and writes as AWS lets it', async () => {
    const session = tutorial.session;
    const app = new S3Client({ ...sdkConfig(lab.url, session), forcePathStyle: true });
    await app.send(
      new PutObjectCommand({ Bucket: 'productionapp', Key: 'releases/v1.txt', Body: 'v1 is out\n' }),
    );
    expect((await rclone(session, ['lsf', '-R', '--files-only', 'tl:productionapp'])).stdout).toBe(
      'releases/v1.txt\n',
    );
    expect((await rclone(session, ['cat', 'tl:productionapp/releases/v1.txt'])).stdout).toBe('v1 is out\n');
    const refused = await rclone(session, [
      'ls',
      'tl:otherbucket',
      '--low-level-retries',
      '1',
      '--retries',
      '1',
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::otherbucket"',
    );

    // rclone 1.60 creates the bucket before its first write unless told it exists, and sends
    // `x-amz-acl: private` with every object. The role may neither create buckets nor set ACLs
    // (API_PutObject.html: an ACL on PutObject needs s3:PutObjectAcl), so S3 refuses both, as AWS does.
    const file = join(scratch, 'v2.txt');
    writeFileSync(file, 'v2 is out\n');
    const copy = (extra: string[]) =>
      rclone(session, ['copy', file, 'tl:productionapp/releases', '--retries', '1', ...extra]);
    expect((await copy([])).stderr).toContain(
      'is not authorized to perform: s3:CreateBucket on resource: "arn:aws:s3:::productionapp"',
    );
    expect((await copy(['--s3-no-check-bucket'])).stderr).toContain(
      'is not authorized to perform: s3:PutObjectAcl on resource: "arn:aws:s3:::productionapp/releases/v2.txt"',
    );
  });
});
