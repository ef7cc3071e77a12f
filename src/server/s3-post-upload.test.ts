// A browser upload through the real server in this process (real SQLite, real HTTP, the tutorial lab):
// the audit record CloudTrail would write (PostObject, s3:PutObject), and s3:authType POST in the bucket
// policy's conditions, which tells a form from a PUT.
import { readFileSync } from 'node:fs';
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyCache } from '../authorize/policy-cache.js';
import { loadCatalogue } from '../catalogue/load-catalogue.js';
import { applyLab } from '../lab/apply-lab.js';
import { readLab } from '../lab/read-lab.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { loadModel } from '../protocol/model/load-model.js';
import { openBodyStore } from '../store/open-body-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { authorizationMessages } from './authorization-message-key.js';
import { handlerTables, s3HandlerTable } from './handler-tables.js';
import { type RunningServer, startServer } from './start-server.js';

const ACCOUNT = '999999999999';
const ROOT = {
  accessKeyId: 'AKIAPRODUCTIONROOT01',
  secretAccessKey: 'production-root-secret-key-for-the-lab-0001',
};
const BUCKET = 'forms-only';

describe('POST Object through the server', () => {
  let store: Store;
  let server: RunningServer;
  let s3: S3Client;

  beforeAll(async () => {
    store = openSqliteStore({ dataDir: ':memory:' });
    const read = readLab(readFileSync(new URL('labs/tutorial.yaml', PACKAGE_ROOT), 'utf8'));
    if ('errors' in read) throw new Error('the tutorial lab does not read');
    await (await applyLab(store, read.lab, new Date())).passwords;
    server = await startServer(
      {
        store,
        cache: new PolicyCache(),
        catalogue: loadCatalogue(),
        handlers: handlerTables,
        authorizationMessages: authorizationMessages(':memory:'),
        bodies: openBodyStore(':memory:', store),
        s3Model: loadModel('s3'),
        s3Handlers: s3HandlerTable,
        s3BaseHosts: ['localhost'],
        now: () => new Date(),
        log: () => {},
      },
      { host: '127.0.0.1', port: 0 },
    );
    s3 = new S3Client({ endpoint: server.url, region: 'us-east-1', credentials: ROOT, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    // Objects of this bucket may be written through browser forms only.
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: BUCKET,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:PutObject',
              Resource: `arn:aws:s3:::${BUCKET}/*`,
              Condition: { StringNotEquals: { 's3:authType': 'POST' } },
            },
          ],
        }),
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('writes through a form (audited as PostObject) where a PUT is denied by s3:authType', async () => {
    const { fields } = await createPresignedPost(s3, { Bucket: BUCKET, Key: 'form.txt' });
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob(['through a form']), 'form.txt');
    const posted = await fetch(`${server.url}/${BUCKET}`, { method: 'POST', body: form });
    expect(posted.status).toBe(204);
    const requestId = posted.headers.get('x-amz-request-id');

    await expect(
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'put.txt', Body: 'x' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });

    await new Promise((resolve) => setTimeout(resolve, 50));
    const records = await store.queryAudit({ limit: 10, newestFirst: true });
    expect(records.find((record) => record.requestId === requestId)).toMatchObject({
      service: 's3',
      operation: 'PostObject',
      accountId: ACCOUNT,
      principalArn: `arn:aws:iam::${ACCOUNT}:root`,
      actions: ['s3:PutObject'],
      resources: [`arn:aws:s3:::${BUCKET}/form.txt`],
      decision: 'Allowed',
      httpStatus: 204,
    });
  });

  it('audits a refused form with its error', async () => {
    const form = new FormData();
    form.append('acl', 'private');
    form.append('file', new Blob(['x']), 'x.txt');
    const posted = await fetch(`${server.url}/${BUCKET}`, { method: 'POST', body: form });
    expect(posted.status).toBe(400);
    const requestId = posted.headers.get('x-amz-request-id');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const records = await store.queryAudit({ limit: 10, newestFirst: true });
    expect(records.find((record) => record.requestId === requestId)).toMatchObject({
      operation: 'PostObject',
      errorCode: 'InvalidArgument',
      httpStatus: 400,
    });
  });
});
