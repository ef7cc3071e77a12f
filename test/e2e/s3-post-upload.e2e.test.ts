// Browser uploads (POST Object) against a started trustlab: real multipart forms from node's fetch and
// FormData and from Python's requests, signed by the AWS SDK v3's createPresignedPost, botocore's
// generate_presigned_post or by hand (to make each policy failure), answered as S3 answers them.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-UsingHTTPPOST.html
import { execFile } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  GetObjectCommand,
  PutBucketPolicyCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Credentials, rootCredentials, sdkConfig } from './sdk-setup.js';
import { PRODUCTION, type RunningTrustlab, startTrustlab } from './start-trustlab.js';

const BUCKET = 'uploads';
const PUBLIC_BUCKET = 'public-drop';
// biome-ignore lint/suspicious/noTemplateCurlyInString: S3's ${filename} variable, not a template.
const FILENAME = '${filename}';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

describe('browser uploads (POST Object)', () => {
  let lab: RunningTrustlab;
  let s3: S3Client;
  let nobody: Credentials;
  const root = rootCredentials(PRODUCTION);

  beforeAll(async () => {
    lab = await startTrustlab();
    s3 = new S3Client({ ...sdkConfig(lab.url, root), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new CreateBucketCommand({ Bucket: PUBLIC_BUCKET }));
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket: PUBLIC_BUCKET }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: PUBLIC_BUCKET,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:PutObject',
              Resource: `arn:aws:s3:::${PUBLIC_BUCKET}/drop/*`,
            },
          ],
        }),
      }),
    );
    // A user of the bucket's account whose identity policies allow nothing.
    const iam = new IAMClient(sdkConfig(lab.url, root));
    await iam.send(new CreateUserCommand({ UserName: 'nobody' }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }));
    nobody = {
      accessKeyId: key.AccessKey?.AccessKeyId ?? '',
      secretAccessKey: key.AccessKey?.SecretAccessKey ?? '',
    };
  }, 60_000);

  afterAll(async () => {
    await lab?.stop();
  });

  /** POSTs the fields in order, then the file, as a browser's form does. */
  async function post(
    path: string,
    fields: Record<string, string> | Array<[string, string]>,
    file?: { name: string; content: Uint8Array },
  ): Promise<Answer> {
    const form = new FormData();
    for (const [name, value] of Array.isArray(fields) ? fields : Object.entries(fields))
      form.append(name, value);
    if (file) form.append('file', new Blob([file.content]), file.name);
    const response = await fetch(`${lab.url}${path}`, { method: 'POST', body: form, redirect: 'manual' });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  async function presigned(Key: string, Fields: Record<string, string> = {}, Conditions: unknown[] = []) {
    const client = new S3Client({ ...sdkConfig(lab.url, root), forcePathStyle: true });
    // biome-ignore lint/suspicious/noExplicitAny: the SDK types conditions as a union of tuples.
    return (await createPresignedPost(client, { Bucket: BUCKET, Key, Fields, Conditions: Conditions as any }))
      .fields;
  }

  async function read(bucket: string, key: string) {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return {
      body: Buffer.from((await object.Body?.transformToByteArray()) ?? []),
      contentType: object.ContentType,
    };
  }

  const file = (content: string | Uint8Array, name = 'photo.png') => ({
    name,
    content: typeof content === 'string' ? Buffer.from(content) : content,
  });
  const md5 = (content: string | Uint8Array) => `"${createHash('md5').update(content).digest('hex')}"`;

  it('stores the file of a form the SDK signed, and answers 204 with its ETag and Location', async () => {
    const fields = await presigned(`user/alice/${FILENAME}`, { 'Content-Type': 'image/png' });
    const answer = await post(`/${BUCKET}`, fields, file('not really a png'));
    expect(answer.status).toBe(204);
    expect(answer.headers.get('etag')).toBe(md5('not really a png'));
    expect(answer.headers.get('location')).toBe(`${lab.url}/${BUCKET}/user%2Falice%2Fphoto.png`);
    expect(answer.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
    expect(await read(BUCKET, 'user/alice/photo.png')).toEqual({
      body: Buffer.from('not really a png'),
      contentType: 'image/png',
    });
  });

  it('answers 201 with a PostResponse, 200 empty, and 303 to success_action_redirect', async () => {
    const created = await post(
      `/${BUCKET}`,
      await presigned('a & b.txt', { success_action_status: '201' }),
      file('one'),
    );
    expect(created.status).toBe(201);
    expect(created.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${lab.url}/${BUCKET}/a%20%26%20b.txt</Location>` +
        `<Bucket>${BUCKET}</Bucket><Key>a &amp; b.txt</Key><ETag>${md5('one').replaceAll('"', '&quot;')}</ETag></PostResponse>`,
    );
    const ok = await post(
      `/${BUCKET}`,
      await presigned('two.txt', { success_action_status: '200' }),
      file('2'),
    );
    expect([ok.status, ok.text]).toEqual([200, '']);
    const redirect = 'https://app.example.com/done?from=upload';
    const moved = await post(
      `/${BUCKET}`,
      await presigned('three.txt', { success_action_redirect: redirect }),
      file('3'),
    );
    expect(moved.status).toBe(303);
    const location = new URL(moved.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe('https://app.example.com/done');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      from: 'upload',
      bucket: BUCKET,
      key: 'three.txt',
      etag: md5('3'),
    });
  });

  it('streams a 20 MiB file to the object store', async () => {
    const big = randomBytes(20 * 1024 * 1024);
    const started = Date.now();
    const answer = await post(
      `/${BUCKET}`,
      await presigned('big.bin', {}, [['content-length-range', 1, 32 * 1024 * 1024]]),
      file(big, 'big.bin'),
    );
    const ms = Date.now() - started;
    expect(answer.status).toBe(204);
    expect(answer.headers.get('etag')).toBe(md5(big));
    const stored = await read(BUCKET, 'big.bin');
    expect(createHash('sha256').update(stored.body).digest('hex')).toBe(
      createHash('sha256').update(big).digest('hex'),
    );
    console.log(`20 MiB POST upload: ${ms} ms`);
  }, 60_000);

  it('answers virtual-hosted-style forms too', async () => {
    const fields = await presigned('virtual.txt');
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob(['hosted']), 'virtual.txt');
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    const { port } = new URL(lab.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/',
          headers: {
            host: `${BUCKET}.localhost:${port}`,
            'content-type': encoded.headers.get('content-type') ?? '',
            'content-length': body.length,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(204);
    expect((await read(BUCKET, 'virtual.txt')).body.toString()).toBe('hosted');
  });

  it('lets anyone post where the bucket policy allows it, and no one where it does not', async () => {
    const allowed = await post(`/${PUBLIC_BUCKET}`, { key: 'drop/anon.txt' }, file('from anyone'));
    expect(allowed.status).toBe(204);
    expect((await read(PUBLIC_BUCKET, 'drop/anon.txt')).body.toString()).toBe('from anyone');
    const elsewhere = await post(`/${PUBLIC_BUCKET}`, { key: 'other/anon.txt' }, file('x'));
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.text).toContain('<Code>AccessDenied</Code>');
    expect((await post(`/${BUCKET}`, { key: 'anon.txt' }, file('x'))).status).toBe(403);
  });

  it('refuses a signer whose policies do not allow s3:PutObject, as a PUT would be', async () => {
    const answer = await post(
      `/${BUCKET}`,
      signedForm(nobody, { conditions: [{ bucket: BUCKET }, ['starts-with', '$key', '']] }, { key: 'n.txt' }),
      file('x'),
    );
    expect(answer.status).toBe(403);
    expect(errorOf(answer)).toEqual({
      code: 'AccessDenied',
      message: `User: arn:aws:iam::${PRODUCTION.id}:user/nobody is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${BUCKET}/n.txt" because no identity-based policy allows the s3:PutObject action`,
    });
  });

  describe('refuses a form that does not meet its policy', () => {
    const base = (key = 'ok/a.txt') => [{ bucket: BUCKET }, ['starts-with', '$key', key.slice(0, 3)]];

    it.each([
      {
        name: 'an expired policy',
        policy: { expiration: new Date(Date.now() - 1000).toISOString(), conditions: base() },
        fields: { key: 'ok/a.txt' },
        status: 403,
        code: 'AccessDenied',
        message: 'Invalid according to Policy: Policy expired.',
      },
      {
        name: 'a key outside the prefix',
        policy: { conditions: base() },
        fields: { key: 'no/a.txt' },
        status: 403,
        code: 'AccessDenied',
        message: 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "ok/"]',
      },
      {
        name: 'another bucket',
        policy: { conditions: [{ bucket: 'elsewhere' }, ['starts-with', '$key', '']] },
        fields: { key: 'ok/a.txt' },
        status: 403,
        code: 'AccessDenied',
        message: 'Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "elsewhere"]',
      },
      {
        name: 'a field no condition names',
        policy: { conditions: base() },
        fields: { key: 'ok/a.txt', 'x-amz-meta-colour': 'red' },
        status: 403,
        code: 'AccessDenied',
        message: 'Invalid according to Policy: Extra input fields: x-amz-meta-colour',
      },
      {
        name: 'a file over content-length-range',
        policy: { conditions: [...base(), ['content-length-range', 0, 4]] },
        fields: { key: 'ok/a.txt' },
        status: 400,
        code: 'EntityTooLarge',
        message: 'Your proposed upload exceeds the maximum allowed size',
      },
      {
        name: 'a file under content-length-range',
        policy: { conditions: [...base(), ['content-length-range', 100, 200]] },
        fields: { key: 'ok/a.txt' },
        status: 400,
        code: 'EntityTooSmall',
        message: 'Your proposed upload is smaller than the minimum allowed size',
      },
      {
        name: 'a policy with no expiration',
        policy: { expiration: undefined, conditions: base() },
        fields: { key: 'ok/a.txt' },
        status: 400,
        code: 'InvalidPolicyDocument',
        message: 'Invalid Policy: Policy missing expiration.',
      },
    ])('$name', async ({ policy, fields, status, code, message }) => {
      const answer = await post(
        `/${BUCKET}`,
        signedForm(root, policy, fields as Record<string, string>),
        file('hello'),
      );
      expect(answer.status).toBe(status);
      expect(errorOf(answer)).toEqual({ code, message });
    });

    it('a policy changed after it was signed', async () => {
      const fields = signedForm(root, { conditions: base() }, { key: 'ok/a.txt' });
      const policy = fields.find(([name]) => name === 'policy') as [string, string];
      policy[1] = Buffer.from(Buffer.from(policy[1], 'base64').toString().replace('ok/', '')).toString(
        'base64',
      );
      const answer = await post(`/${BUCKET}`, fields, file('hello'));
      expect(answer.status).toBe(403);
      expect(errorOf(answer).code).toBe('SignatureDoesNotMatch');
      expect(answer.text).toContain(`<StringToSign>${policy[1]}</StringToSign>`);
    });

    it('a form without a file, without a key, or with too much before the file', async () => {
      const noFile = await post(`/${BUCKET}`, signedForm(root, { conditions: base() }, { key: 'ok/a.txt' }));
      expect([noFile.status, errorOf(noFile).code]).toEqual([400, 'IncorrectNumberOfFilesInPostRequest']);
      const noKey = await post(`/${BUCKET}`, { acl: 'private' }, file('x'));
      expect([noKey.status, errorOf(noKey)]).toEqual([
        400,
        {
          code: 'InvalidArgument',
          message:
            "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
        },
      ]);
      const tooMuch = await post(
        `/${BUCKET}`,
        { key: 'a', 'x-ignore-padding': 'p'.repeat(21 * 1024) },
        file('x'),
      );
      expect([tooMuch.status, errorOf(tooMuch).code]).toEqual([400, 'MaxPostPreDataLengthExceededError']);
    });
  });

  it('accepts forms that Python requests posts, signed by botocore', async () => {
    const script = `
import json, sys, boto3, requests
from botocore.config import Config
url, key, secret = sys.argv[1:4]
s3 = boto3.client('s3', region_name='us-east-1', endpoint_url=url, aws_access_key_id=key,
  aws_secret_access_key=secret, config=Config(signature_version='s3v4', s3={'addressing_style': 'path'}))
post = s3.generate_presigned_post('${BUCKET}', 'python/report.csv', Fields={'success_action_status': '201'},
  Conditions=[{'success_action_status': '201'}, ['content-length-range', 1, 1024]])
answer = requests.post(post['url'], data=post['fields'], files={'file': ('report.csv', b'a,b\\n1,2\\n')})
bad = requests.post(post['url'], data=post['fields'], files={'file': ('big.csv', b'x' * 2048)})
print(json.dumps([answer.status_code, answer.text, bad.status_code, bad.text]))`;
    const { stdout } = await promisify(execFile)('python3', [
      '-c',
      script,
      lab.url,
      root.accessKeyId,
      root.secretAccessKey,
    ]);
    const [status, text, badStatus, badText] = JSON.parse(stdout) as [number, string, number, string];
    expect(status).toBe(201);
    expect(text).toContain('<Key>python/report.csv</Key>');
    expect((await read(BUCKET, 'python/report.csv')).body.toString()).toBe('a,b\n1,2\n');
    expect(badStatus).toBe(400);
    expect(badText).toContain('<Code>EntityTooLarge</Code>');
  });
});

function errorOf(answer: Answer): { code: string; message: string } {
  return {
    code: /<Code>([^<]*)<\/Code>/.exec(answer.text)?.[1] ?? '',
    message: (/<Message>([^<]*)<\/Message>/.exec(answer.text)?.[1] ?? '').replaceAll('&quot;', '"'),
  };
}

/**
 * A SigV4-signed form written by hand (to make policies no client would): the policy's expiration
 * defaults to an hour ahead, and the signing fields join its conditions.
 */
function signedForm(
  who: Credentials,
  policy: { expiration?: string | undefined; conditions: unknown[] },
  fields: Record<string, string>,
): Array<[string, string]> {
  const now = new Date();
  const date = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const credential = `${who.accessKeyId}/${date.slice(0, 8)}/us-east-1/s3/aws4_request`;
  const signing = {
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential,
    'x-amz-date': date,
  };
  const expiration =
    'expiration' in policy ? policy.expiration : new Date(now.getTime() + 3_600_000).toISOString();
  const document = {
    ...(expiration !== undefined && { expiration }),
    conditions: [...policy.conditions, ...Object.entries(signing).map(([k, v]) => ({ [k]: v }))],
  };
  const encoded = Buffer.from(JSON.stringify(document)).toString('base64');
  let key: Buffer | string = `AWS4${who.secretAccessKey}`;
  for (const part of [date.slice(0, 8), 'us-east-1', 's3', 'aws4_request']) {
    key = createHmac('sha256', key).update(part).digest();
  }
  const signature = createHmac('sha256', key).update(encoded).digest('hex');
  return [
    ...Object.entries(fields),
    ...Object.entries(signing),
    ['policy', encoded],
    ['x-amz-signature', signature],
  ];
}
