// The tutorials' S3 endings, with the aws CLI v1 and v2 against a started trustlab, answered as AWS
// answers. Delegate access: in a session of UpdateApp, David lists, puts and gets in productionapp and is
// refused every other bucket; his own keys get nothing in Production. Accounts A/B (seed 003): a bucket
// policy lets the other account's user write directly when it hands the object to the bucket owner.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAVID_SESSION_ARN } from './delegate-access.js';
import { DENIED, type S3Tutorial, setUpS3Tutorial } from './s3-tutorial-setup.js';
import type { Credentials } from './sdk-setup.js';
import { AWS_CLI_V2, aws, type RunningTrustlab, startTrustlab } from './start-trustlab.js';

const CLIS = [
  { name: 'aws CLI v1', path: 'aws' },
  { name: 'aws CLI v2', path: AWS_CLI_V2 },
];

const env = (c: Credentials): Record<string, string> => ({
  AWS_ACCESS_KEY_ID: c.accessKeyId,
  AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
  ...(c.sessionToken ? { AWS_SESSION_TOKEN: c.sessionToken } : {}),
});

describe.each(CLIS)('the S3 steps with the $name', (cli) => {
  let lab: RunningTrustlab;
  let scratch = '';
  let tutorial: S3Tutorial;
  let session: Credentials;
  let production: Credentials;
  const run = (who: Credentials, args: string[]) =>
    aws(['--endpoint-url', lab.url, ...args], env(who), cli.path);
  const user = (name: string) => tutorial.user(name);

  beforeAll(async () => {
    // INVARIANT: `.ci/run` installs Debian's awscli; without it the v2 run cannot say anything.
    if (isAbsolute(cli.path) && !existsSync(cli.path))
      throw new Error(`${cli.path} is missing: run .ci/run, or apt-get install awscli`);
    scratch = mkdtempSync(join(tmpdir(), 'trustlab-s3-'));
    lab = await startTrustlab();
    tutorial = await setUpS3Tutorial(lab.url);
    ({ session, production } = tutorial);
  }, 60_000);
  afterAll(async () => {
    await lab?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('in the UpdateApp session, David lists, puts and gets in productionapp (aws s3 ls, cp)', async () => {
    const file = join(scratch, 'index.html');
    writeFileSync(file, '<h1>production app</h1>\n');
    expect(await run(session, ['s3', 'cp', file, 's3://productionapp/app/index.html'])).toMatchObject({
      code: 0,
    });
    const listed = await run(session, ['s3', 'ls', 's3://productionapp', '--recursive']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\s24 app\/index\.html\n$/);
    const got = await run(session, ['s3', 'cp', 's3://productionapp/app/index.html', '-']);
    expect(got).toMatchObject({ code: 0, stdout: '<h1>production app</h1>\n' });
    // s3:ListAllMyBuckets on "*": the session sees the account's buckets.
    const buckets = await run(session, ['s3', 'ls']);
    expect(buckets.stdout).toMatch(/ productionapp\n/);
    expect(buckets.stdout).toMatch(/ otherbucket\n/);
  });

  it('in the UpdateApp session, every other bucket is refused with S3’s message', async () => {
    const listed = await run(session, ['s3', 'ls', 's3://otherbucket']);
    expect(listed.code).not.toBe(0);
    expect(listed.stderr).toContain(
      `An error occurred (AccessDenied) when calling the ListObjectsV2 operation: ${DENIED.sessionOn(DAVID_SESSION_ARN, 's3:ListBucket', 'arn:aws:s3:::otherbucket')}`,
    );
    const got = await run(session, [
      's3api',
      'get-object',
      '--bucket',
      'otherbucket',
      '--key',
      'secret.txt',
      join(scratch, 'secret.txt'),
    ]);
    expect(got.stderr).toContain(
      `An error occurred (AccessDenied) when calling the GetObject operation: ${DENIED.sessionOn(DAVID_SESSION_ARN, 's3:GetObject', 'arn:aws:s3:::otherbucket/secret.txt')}`,
    );
  });

  it('with his own keys David gets nothing in Production: no bucket policy there names him', async () => {
    const listed = await run(user('David'), ['s3', 'ls', 's3://productionapp']);
    expect(listed.stderr).toContain(
      `An error occurred (AccessDenied) when calling the ListObjectsV2 operation: ${DENIED.crossAccount}`,
    );
  });

  it('accounts A/B: the bucket policy lets David write when the object goes to the bucket owner', async () => {
    const file = join(scratch, 'test.txt');
    writeFileSync(file, 'from account A\n');
    const refused = await run(user('David'), ['s3', 'cp', file, 's3://cross-account-bucket/test.txt']);
    expect(refused.stderr).toContain(
      `An error occurred (AccessDenied) when calling the PutObject operation: ${DENIED.crossAccount}`,
    );
    const written = await run(user('David'), [
      's3',
      'cp',
      file,
      's3://cross-account-bucket/test.txt',
      '--acl',
      'bucket-owner-full-control',
    ]);
    expect(written).toMatchObject({ code: 0 });
    // The bucket owner enforces ownership: Production owns the object and reads it.
    const acl = await run(production, [
      's3api',
      'get-object-acl',
      '--bucket',
      'cross-account-bucket',
      '--key',
      'test.txt',
    ]);
    const owner = (JSON.parse(acl.stdout) as { Owner: { ID: string } }).Owner.ID;
    const buckets = await run(production, ['s3api', 'list-buckets']);
    expect(owner).toBe((JSON.parse(buckets.stdout) as { Owner: { ID: string } }).Owner.ID);
    expect(await run(production, ['s3', 'cp', 's3://cross-account-bucket/test.txt', '-'])).toMatchObject({
      stdout: 'from account A\n',
    });
  });

  it('a 100 MiB upload goes in parts and comes back byte-identical', async () => {
    const file = join(scratch, 'big.bin');
    writeFileSync(file, randomBytes(100 * 1024 * 1024));
    expect(await run(session, ['s3', 'cp', file, 's3://productionapp/big.bin'])).toMatchObject({ code: 0 });
    const head = await run(session, [
      's3api',
      'head-object',
      '--bucket',
      'productionapp',
      '--key',
      'big.bin',
    ]);
    // aws s3 cp switches to 8 MiB parts above 8 MiB: the ETag says how many.
    expect((JSON.parse(head.stdout) as { ETag: string }).ETag).toMatch(/-13"$/);
    const back = join(scratch, 'big.back');
    expect(await run(session, ['s3', 'cp', 's3://productionapp/big.bin', back])).toMatchObject({ code: 0 });
    const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(digest(back)).toBe(digest(file));
  }, 120_000);
});
