// The tutorials' S3 endings with the AWS SDK for JavaScript v3 against a started trustlab: David's
// UpdateApp session works in productionapp and is refused otherbucket with S3's message, his own keys get
// `Access Denied`, seed 003's cross-account write needs bucket-owner-full-control; lib-storage's Upload
// sends 100 MiB in parts, with the SDK's default checksums, that come back identical;
// presigned URLs work until they expire; and virtual-hosted addressing reaches the same buckets.
import { createHash, randomBytes } from 'node:crypto';
import { lookup } from 'node:dns';
import { Agent, type AgentOptions } from 'node:http';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAVID_SESSION_ARN } from './delegate-access.js';
import { DENIED, type S3Tutorial, setUpS3Tutorial } from './s3-tutorial-setup.js';
import { type Credentials, sdkConfig } from './sdk-setup.js';
import { type RunningTrustlab, startTrustlab } from './start-trustlab.js';

const MiB = 1024 * 1024;

/** RFC 6761: names under .localhost are loopback. curl and browsers resolve them so; glibc does not. */
const loopbackLookup: AgentOptions['lookup'] = (hostname, options, callback) => {
  if (!hostname.endsWith('.localhost')) return lookup(hostname, options, callback);
  if (options.all)
    return (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ]);
  return (callback as (e: null, a: string, f: number) => void)(null, '127.0.0.1', 4);
};

/** What the SDK throws for an S3 error, as name and message. */
async function failure(
  sending: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await sending;
  } catch (error) {
    const e = error as S3ServiceException;
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the request succeeded');
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the S3 steps with the AWS SDK v3', () => {
  let lab: RunningTrustlab;
  let tutorial: S3Tutorial;
  const client = (who: Credentials, options: Partial<ConstructorParameters<typeof S3Client>[0]> = {}) =>
    new S3Client({ ...sdkConfig(lab.url, who), forcePathStyle: true, ...options });

  beforeAll(async () => {
    lab = await startTrustlab();
    tutorial = await setUpS3Tutorial(lab.url);
  }, 60_000);
  afterAll(() => lab?.stop());

  it('in the UpdateApp session, David lists, puts and gets in productionapp', async () => {
    const s3 = client(tutorial.session);
    await s3.send(
      new PutObjectCommand({ Bucket: 'productionapp', Key: 'app/index.html', Body: '<h1>app</h1>' }),
    );
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'productionapp', Prefix: 'app/' }));
    expect(listed.Contents?.map((o) => [o.Key, o.Size])).toEqual([['app/index.html', 12]]);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'productionapp', Key: 'app/index.html' }));
    expect(await got.Body?.transformToString()).toBe('<h1>app</h1>');
    const buckets = await s3.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((b) => b.Name)).toEqual([
      'cross-account-bucket',
      'otherbucket',
      'productionapp',
    ]);
  });

  it('in the UpdateApp session, otherbucket is refused with S3’s message; David’s own keys get nothing', async () => {
    const s3 = client(tutorial.session);
    expect(await failure(s3.send(new ListObjectsV2Command({ Bucket: 'otherbucket' })))).toEqual({
      name: 'AccessDenied',
      message: DENIED.sessionOn(DAVID_SESSION_ARN, 's3:ListBucket', 'arn:aws:s3:::otherbucket'),
      status: 403,
    });
    expect(
      await failure(s3.send(new GetObjectCommand({ Bucket: 'otherbucket', Key: 'secret.txt' }))),
    ).toEqual({
      name: 'AccessDenied',
      message: DENIED.sessionOn(DAVID_SESSION_ARN, 's3:GetObject', 'arn:aws:s3:::otherbucket/secret.txt'),
      status: 403,
    });
    const own = client(tutorial.user('David'));
    expect(await failure(own.send(new ListObjectsV2Command({ Bucket: 'productionapp' })))).toMatchObject({
      name: 'AccessDenied',
      message: DENIED.crossAccount,
    });
  });

  it('accounts A/B: David writes into the other account’s bucket only when it will own the object', async () => {
    const david = client(tutorial.user('David'));
    const put = { Bucket: 'cross-account-bucket', Key: 'test.txt', Body: 'from account A' };
    expect(await failure(david.send(new PutObjectCommand(put)))).toMatchObject({
      name: 'AccessDenied',
      message: DENIED.crossAccount,
    });
    await david.send(new PutObjectCommand({ ...put, ACL: 'bucket-owner-full-control' }));
    const got = await client(tutorial.production).send(
      new GetObjectCommand({ Bucket: 'cross-account-bucket', Key: 'test.txt' }),
    );
    expect(await got.Body?.transformToString()).toBe('from account A');
  });

  it('lib-storage’s Upload sends 100 MiB in 8 MiB parts that come back byte-identical', async () => {
    const data = randomBytes(100 * MiB);
    const s3 = client(tutorial.session);
    const upload = new Upload({
      client: s3,
      params: { Bucket: 'productionapp', Key: 'big.bin', Body: data },
      partSize: 8 * MiB,
      queueSize: 4,
    });
    const done = await upload.done();
    expect(done.ETag).toMatch(/-13"$/);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'productionapp', Key: 'big.bin' }));
    expect(head.ContentLength).toBe(data.length);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'productionapp', Key: 'big.bin' }));
    const hash = createHash('sha256');
    for await (const chunk of got.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
    expect(hash.digest('hex')).toBe(sha256(data));
  }, 120_000);

  it('presigned PUT and GET URLs work with plain HTTP until they expire', async () => {
    const s3 = client(tutorial.session);
    const target = { Bucket: 'productionapp', Key: 'shared/report.txt' };
    const putUrl = await getSignedUrl(s3, new PutObjectCommand(target), { expiresIn: 60 });
    expect((await fetch(putUrl, { method: 'PUT', body: 'quarterly numbers' })).status).toBe(200);
    const getUrl = await getSignedUrl(s3, new GetObjectCommand(target), { expiresIn: 60 });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('quarterly numbers');

    const shortLived = await getSignedUrl(s3, new GetObjectCommand(target), { expiresIn: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await fetch(shortLived);
    expect(expired.status).toBe(403);
    const body = await expired.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('<Message>Request has expired</Message>');
  });

  it('virtual-hosted addressing (productionapp.localhost) reaches the same bucket', async () => {
    const agent = new Agent({ keepAlive: true, lookup: loopbackLookup });
    const url = new URL(lab.url);
    const s3 = client(tutorial.session, {
      endpoint: `http://localhost:${url.port}`,
      forcePathStyle: false,
      requestHandler: new NodeHttpHandler({ httpAgent: agent }),
    });
    const hosts: string[] = [];
    s3.middlewareStack.add(
      (next) => async (args) => {
        hosts.push((args.request as { hostname: string }).hostname);
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    await s3.send(new PutObjectCommand({ Bucket: 'productionapp', Key: 'virtual.txt', Body: 'by host' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'productionapp', Key: 'virtual.txt' }));
    expect(await got.Body?.transformToString()).toBe('by host');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'productionapp', Prefix: 'virtual' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['virtual.txt']);
    expect(new Set(hosts)).toEqual(new Set(['productionapp.localhost']));
    // The session is refused otherbucket by host as by path.
    expect(await failure(s3.send(new ListObjectsV2Command({ Bucket: 'otherbucket' })))).toMatchObject({
      name: 'AccessDenied',
      message: DENIED.sessionOn(DAVID_SESSION_ARN, 's3:ListBucket', 'arn:aws:s3:::otherbucket'),
    });
    agent.destroy();
  });
});
