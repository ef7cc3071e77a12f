// Every `aws s3` command, and S3's errors as the aws CLI v1 and v2 show them, against a started trustlab:
// mb, ls, sync (up, again with one change, --delete, down), mv, rm, presign and rb; then the s3api calls
// that S3 answers with NoSuchBucket, NoSuchKey, BucketAlreadyExists and BucketAlreadyOwnedByYou,
// BucketNotEmpty, InvalidBucketName, EntityTooSmall, InvalidPart, InvalidRange, PreconditionFailed,
// BadDigest, MalformedPolicy, MalformedXML and AccessDenied.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AWS_CLI_V2,
  aws,
  DEVELOPMENT,
  keys,
  PRODUCTION,
  type RunningTrustlab,
  startTrustlab,
} from './start-trustlab.js';

const CLIS = [
  { name: 'aws CLI v1', path: 'aws', bucket: 'cli-one' },
  { name: 'aws CLI v2', path: AWS_CLI_V2, bucket: 'cli-two' },
];

/** Every file under `dir`, by path relative to it, with its bytes' digest. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

const md5Base64 = (text: string) => createHash('md5').update(text).digest('base64');

/** A successful call's JSON output; a failed one's stderr in the error. */
function answer<T>(run: { code: number; stdout: string; stderr: string }): T {
  if (run.code !== 0) throw new Error(`the aws CLI failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

describe.each(CLIS)('aws s3 and s3api with the $name', (cli) => {
  let lab: RunningTrustlab;
  let scratch = '';
  const bucket = cli.bucket;
  const run = (args: string[], account = PRODUCTION) =>
    aws(['--endpoint-url', lab.url, ...args], keys(account), cli.path);
  /** The CLI's line for an S3 error. */
  const said = (code: string, operation: string, message: string) =>
    `An error occurred (${code}) when calling the ${operation} operation: ${message}`;

  beforeAll(async () => {
    if (isAbsolute(cli.path) && !existsSync(cli.path))
      throw new Error(`${cli.path} is missing: run .ci/run, or apt-get install awscli`);
    scratch = mkdtempSync(join(tmpdir(), 'trustlab-s3-cli-'));
    lab = await startTrustlab();
  }, 30_000);
  afterAll(async () => {
    await lab?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('mb, ls and sync: up, again with one change, with --delete, and down into an empty folder', async () => {
    expect(await run(['s3', 'mb', `s3://${bucket}`])).toMatchObject({
      code: 0,
      stdout: `make_bucket: ${bucket}\n`,
    });
    expect((await run(['s3', 'ls'])).stdout).toMatch(new RegExp(` ${bucket}\\n`));
    const site = join(scratch, 'site');
    for (const [path, text] of [
      ['index.html', '<h1>home</h1>'],
      ['css/site.css', 'body { margin: 0 }'],
      ['img/logo/small.svg', '<svg/>'],
      ['docs/a b+c.txt', 'spaces and plus'],
    ] as const) {
      mkdirSync(join(site, path, '..'), { recursive: true });
      writeFileSync(join(site, path), text);
    }
    const first = await run(['s3', 'sync', site, `s3://${bucket}/site`, '--no-progress']);
    expect(first.code).toBe(0);
    expect(first.stdout.match(/^upload: /gm)).toHaveLength(4);
    const listed = await run(['s3', 'ls', `s3://${bucket}/site/`, '--recursive']);
    expect(listed.stdout).toContain('site/docs/a b+c.txt');
    expect(listed.stdout.trim().split('\n')).toHaveLength(4);

    // Only what changed goes up again (sizes differ: sync compares size and time).
    writeFileSync(join(site, 'css/site.css'), 'body { margin: 0; padding: 0 }');
    const second = await run(['s3', 'sync', site, `s3://${bucket}/site`, '--no-progress']);
    expect(second.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(`^upload: \\S*site/css/site\\.css to s3://${bucket}/site/css/site\\.css$`),
      ),
    ]);
    rmSync(join(site, 'img'), { recursive: true });
    const pruned = await run(['s3', 'sync', site, `s3://${bucket}/site`, '--delete', '--no-progress']);
    expect(pruned.stdout.trim()).toBe(`delete: s3://${bucket}/site/img/logo/small.svg`);

    const down = join(scratch, 'down');
    expect((await run(['s3', 'sync', `s3://${bucket}/site`, down, '--no-progress'])).code).toBe(0);
    expect(tree(down)).toEqual(tree(site));
  }, 60_000);

  it('mv moves local to S3, S3 to S3 and S3 to local; rm removes one key or a whole prefix', async () => {
    const file = join(scratch, 'note.txt');
    writeFileSync(file, 'moving');
    expect((await run(['s3', 'mv', file, `s3://${bucket}/inbox/note.txt`])).code).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(
      (await run(['s3', 'mv', `s3://${bucket}/inbox/note.txt`, `s3://${bucket}/done/note.txt`])).code,
    ).toBe(0);
    expect((await run(['s3', 'ls', `s3://${bucket}/inbox/`])).stdout).toBe('');
    expect((await run(['s3', 'mv', `s3://${bucket}/done/note.txt`, file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('moving');
    expect((await run(['s3', 'ls', `s3://${bucket}/done/`])).stdout).toBe('');

    expect((await run(['s3', 'rm', `s3://${bucket}/site/index.html`])).stdout).toBe(
      `delete: s3://${bucket}/site/index.html\n`,
    );
    const removed = await run(['s3', 'rm', `s3://${bucket}/site`, '--recursive']);
    expect(removed.stdout.match(/^delete: /gm)).toHaveLength(2);
    expect((await run(['s3', 'ls', `s3://${bucket}/site/`, '--recursive'])).stdout).toBe('');
  }, 60_000);

  it('presign makes a URL that serves the object until it expires', async () => {
    const file = join(scratch, 'shared.txt');
    writeFileSync(file, 'for a link');
    await run(['s3', 'cp', file, `s3://${bucket}/shared.txt`]);
    // CLI v1 presigns with SigV2 unless told otherwise; S3 refuses SigV2 for buckets made since June 2020.
    const sigv4 = join(scratch, 'sigv4-config');
    writeFileSync(sigv4, '[default]\ns3 =\n    signature_version = s3v4\n');
    const presign = (extra: string[], config: Record<string, string> = {}) =>
      aws(
        ['--endpoint-url', lab.url, 's3', 'presign', `s3://${bucket}/shared.txt`, ...extra],
        { ...keys(PRODUCTION), ...config },
        cli.path,
      ).then((out) => out.stdout.trim());
    const plain = await fetch(await presign([]));
    if (cli.path === 'aws') {
      expect(plain.status).toBe(400);
      expect(await plain.text()).toContain(
        '<Message>The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.</Message>',
      );
    } else {
      expect(plain.status).toBe(200);
      expect(await plain.text()).toBe('for a link');
    }
    const v4 = { AWS_CONFIG_FILE: sigv4 };
    const got = await fetch(await presign([], v4));
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('for a link');
    const brief = await presign(['--expires-in', '1'], v4);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await fetch(brief);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('<Message>Request has expired</Message>');
  });

  it('rb refuses a bucket that still holds objects; rb --force empties and removes it', async () => {
    const refused = await run(['s3', 'rb', `s3://${bucket}`]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      said('BucketNotEmpty', 'DeleteBucket', 'The bucket you tried to delete is not empty'),
    );
    const forced = await run(['s3', 'rb', `s3://${bucket}`, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`remove_bucket: ${bucket}`);
    expect((await run(['s3', 'ls'])).stdout).not.toContain(bucket);
  });

  it('answers bucket mistakes as S3 does: missing, taken, already yours, badly named', async () => {
    const errors = `${bucket}-errors`;
    expect((await run(['s3', 'mb', `s3://${errors}`])).code).toBe(0);
    expect((await run(['s3', 'ls', 's3://no-such-bucket-here'])).stderr).toContain(
      said('NoSuchBucket', 'ListObjectsV2', 'The specified bucket does not exist'),
    );
    // Bucket names are one namespace across accounts.
    expect((await run(['s3api', 'create-bucket', '--bucket', errors], DEVELOPMENT)).stderr).toContain(
      said(
        'BucketAlreadyExists',
        'CreateBucket',
        'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
      ),
    );
    // us-east-1 answers 200 to its owner creating it again; any other region says it is already yours.
    expect((await run(['s3api', 'create-bucket', '--bucket', errors])).code).toBe(0);
    const regional = `${bucket}-west`;
    const west = ['s3api', 'create-bucket', '--bucket', regional, '--region', 'eu-west-1'];
    const constraint = ['--create-bucket-configuration', 'LocationConstraint=eu-west-1'];
    expect((await run([...west, ...constraint])).code).toBe(0);
    expect((await run([...west, ...constraint])).stderr).toContain(
      said(
        'BucketAlreadyOwnedByYou',
        'CreateBucket',
        'Your previous request to create the named bucket succeeded and you already own it.',
      ),
    );
    expect((await run(['s3api', 'create-bucket', '--bucket', 'Bad_Name'])).stderr).toContain(
      said('InvalidBucketName', 'CreateBucket', 'The specified bucket is not valid.'),
    );
  }, 60_000);

  it('answers object mistakes as S3 does: missing key, bad range, failed precondition, bad digest, denied', async () => {
    const errors = `${bucket}-errors`;
    const file = join(scratch, 'ten.txt');
    writeFileSync(file, '0123456789');
    await run(['s3api', 'put-object', '--bucket', errors, '--key', 'ten.txt', '--body', file]);
    const get = (extra: string[]) =>
      run(['s3api', 'get-object', '--bucket', errors, '--key', 'ten.txt', ...extra, join(scratch, 'out')]);
    expect(
      (await run(['s3api', 'get-object', '--bucket', errors, '--key', 'missing', join(scratch, 'out')]))
        .stderr,
    ).toContain(said('NoSuchKey', 'GetObject', 'The specified key does not exist.'));
    expect((await get(['--range', 'bytes=100-200'])).stderr).toContain(
      said('InvalidRange', 'GetObject', 'The requested range is not satisfiable'),
    );
    expect((await get(['--if-match', '"nope"'])).stderr).toContain(
      said(
        'PreconditionFailed',
        'GetObject',
        'At least one of the pre-conditions you specified did not hold',
      ),
    );
    const other = ['s3api', 'put-object', '--bucket', errors, '--key', 'digest.txt', '--body', file];
    // The CLIs retry BadDigest before they give up (v2 says so): one attempt is enough here.
    const once = { ...keys(PRODUCTION), AWS_MAX_ATTEMPTS: '1' };
    const digest = ['--endpoint-url', lab.url, ...other, '--content-md5', md5Base64('something else')];
    expect((await aws(digest, once, cli.path)).stderr).toMatch(
      /An error occurred \(BadDigest\) when calling the PutObject operation( \(reached max retries: \d+\))?: The Content-MD5 you specified did not match what we received\./,
    );
    // Another account's root is no one in this bucket: S3 says no more than this.
    expect((await get([]).then(() => run(['s3', 'ls', `s3://${errors}`], DEVELOPMENT))).stderr).toContain(
      said('AccessDenied', 'ListObjectsV2', 'Access Denied'),
    );
  }, 60_000);

  it('answers multipart, policy and document mistakes as S3 does', async () => {
    const errors = `${bucket}-errors`;
    const created = await run(['s3api', 'create-multipart-upload', '--bucket', errors, '--key', 'parts.bin']);
    const uploadId = answer<{ UploadId: string }>(created).UploadId;
    const tiny = join(scratch, 'tiny');
    writeFileSync(tiny, 'x');
    const upload = ['--bucket', errors, '--key', 'parts.bin', '--upload-id', uploadId];
    const etags: string[] = [];
    for (const n of [1, 2]) {
      const part = await run(['s3api', 'upload-part', ...upload, '--part-number', String(n), '--body', tiny]);
      etags.push(answer<{ ETag: string }>(part).ETag);
    }
    const complete = (parts: { ETag: string; PartNumber: number }[]) =>
      run([
        's3api',
        'complete-multipart-upload',
        ...upload,
        '--multipart-upload',
        JSON.stringify({ Parts: parts }),
      ]);
    expect(
      (await complete([{ ETag: '"0123456789abcdef0123456789abcdef"', PartNumber: 1 }])).stderr,
    ).toContain(
      said(
        'InvalidPart',
        'CompleteMultipartUpload',
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      ),
    );
    // Every part but the last must be 5 MiB at least.
    const parts = etags.map((ETag, k) => ({ ETag, PartNumber: k + 1 }));
    expect((await complete(parts)).stderr).toContain(
      said(
        'EntityTooSmall',
        'CompleteMultipartUpload',
        'Your proposed upload is smaller than the minimum allowed object size.',
      ),
    );

    const policy = (action: string, resource: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: resource }],
      });
    const put = (document: string) =>
      run(['s3api', 'put-bucket-policy', '--bucket', errors, '--policy', document]);
    expect((await put(policy('s3:GetObjekt', `arn:aws:s3:::${errors}/*`))).stderr).toContain(
      said('MalformedPolicy', 'PutBucketPolicy', 'Policy has invalid action'),
    );
    expect((await put(policy('s3:GetObject', 'arn:aws:s3:::some-other-bucket/*'))).stderr).toContain(
      said('MalformedPolicy', 'PutBucketPolicy', 'Policy has invalid resource'),
    );
    // More than 1,000 keys in one DeleteObjects: S3 calls the document malformed.
    const many = join(scratch, 'delete.json');
    writeFileSync(
      many,
      JSON.stringify({ Objects: Array.from({ length: 1001 }, (_, k) => ({ Key: `k${k}` })) }),
    );
    expect(
      (await run(['s3api', 'delete-objects', '--bucket', errors, '--delete', `file://${many}`])).stderr,
    ).toContain(
      said(
        'MalformedXML',
        'DeleteObjects',
        'The XML you provided was not well-formed or did not validate against our published schema',
      ),
    );
  }, 90_000);

  it('every error document carries the request ids', async () => {
    const debug = await run([
      's3api',
      'get-object',
      '--bucket',
      'no-such-bucket-here',
      '--key',
      'k',
      join(scratch, 'o'),
      '--debug',
    ]);
    expect(debug.stderr).toMatch(/<RequestId>[0-9A-F]{16}<\/RequestId>/);
    expect(debug.stderr).toMatch(/<HostId>[^<]+<\/HostId>/);
    expect(debug.stderr).toMatch(/x-amz-request-id['"]?: ['"]?[0-9A-F]{16}/i);
  });
});
