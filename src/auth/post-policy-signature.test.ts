// The signature of a browser upload's form, with the forms real clients build as oracles: the AWS SDK
// v3's createPresignedPost and botocore's generate_presigned_post (boto3, the aws CLI).
import { execFileSync } from 'node:child_process';
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { describe, expect, it } from 'vitest';
import { verifyPostSignature } from './post-policy-signature.js';
import { ACCESS_KEY, lookupOf, SECRET_KEY, userKey } from './test-fixture.js';

const SESSION_KEY = 'ASIAIOSFODNN7EXAMPLE';
const TOKEN = 'FwoGZXIvYXdzEXAMPLETOKEN';

/** Form fields by lower-case name, as the server reads them. */
function formOf(fields: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]));
}

async function sdkForm(
  credentials = { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY } as {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  },
) {
  const client = new S3Client({ region: 'eu-west-1', credentials, endpoint: 'http://localhost:4577' });
  const { fields } = await createPresignedPost(client, {
    Bucket: 'uploads',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's ${filename} variable, not a template.
    Key: 'user/alice/${filename}',
    Conditions: [['content-length-range', 1, 1024]],
    Fields: { acl: 'private' },
  });
  return formOf(fields);
}

const lookup = lookupOf(
  userKey(),
  userKey({ accessKeyId: SESSION_KEY, sessionToken: TOKEN, expiration: new Date(Date.now() + 3_600_000) }),
);

describe('verifyPostSignature', () => {
  it('verifies the form the SDK v3 builds, and reads its scope and date', async () => {
    const form = await sdkForm();
    const result = verifyPostSignature(form, lookup, new Date());
    expect(result).toMatchObject({ outcome: 'verified', region: 'eu-west-1', policy: form.get('policy') });
    if (result.outcome !== 'verified') throw new Error('not verified');
    expect(result.key.accessKeyId).toBe(ACCESS_KEY);
    expect(Math.abs(result.signedAt.getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('verifies the form botocore builds (boto3 and the aws CLI)', () => {
    const script = `
import json, boto3
from botocore.config import Config
s3 = boto3.client('s3', region_name='us-east-1', endpoint_url='http://localhost:4577',
  config=Config(signature_version='s3v4'),
  aws_access_key_id='${ACCESS_KEY}', aws_secret_access_key='${SECRET_KEY}')
post = s3.generate_presigned_post('uploads', 'a.txt', Fields={'success_action_status': '201'},
  Conditions=[{'success_action_status': '201'}])
print(json.dumps(post['fields']))`;
    const fields = JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as Record<
      string,
      string
    >;
    expect(verifyPostSignature(formOf(fields), lookup, new Date())).toMatchObject({ outcome: 'verified' });
  });

  it('refuses a policy changed after signing, quoting it as the string to sign', async () => {
    const form = await sdkForm();
    const changed = Buffer.from(
      Buffer.from(form.get('policy') ?? '', 'base64')
        .toString('utf8')
        .replace('user/alice/', 'user/'),
    ).toString('base64');
    form.set('policy', changed);
    expect(verifyPostSignature(form, lookup, new Date())).toMatchObject({
      outcome: 'failed',
      kind: 'SignatureDoesNotMatch',
      accessKeyId: ACCESS_KEY,
      stringToSign: changed,
      signatureProvided: form.get('x-amz-signature'),
    });
  });

  it('refuses a form signed with another secret', async () => {
    const form = await sdkForm({ accessKeyId: ACCESS_KEY, secretAccessKey: 'not-the-secret' });
    expect(verifyPostSignature(form, lookup, new Date())).toMatchObject({ kind: 'SignatureDoesNotMatch' });
  });

  it('names the first signing field missing, and refuses a policy nobody signed', async () => {
    const form = await sdkForm();
    form.delete('x-amz-date');
    expect(verifyPostSignature(form, lookup, new Date())).toEqual({
      outcome: 'incomplete',
      field: 'X-Amz-Date',
    });
    const unsigned = formOf({ key: 'a.txt', policy: (await sdkForm()).get('policy') ?? '' });
    expect(verifyPostSignature(unsigned, lookup, new Date())).toEqual({ outcome: 'unsigned-policy' });
    expect(verifyPostSignature(formOf({ key: 'a.txt', acl: 'private' }), lookup, new Date())).toEqual({
      outcome: 'anonymous',
    });
  });

  it('refuses another algorithm, a malformed credential, a bad date and an unknown key', async () => {
    const cases: Array<[string, string, string]> = [
      ['x-amz-algorithm', 'AWS4-ECDSA-P256-SHA256', 'UnsupportedAuthorization'],
      ['x-amz-credential', `${ACCESS_KEY}/20261123/us-east-1/s3`, 'MalformedCredential'],
      ['x-amz-date', '2026-11-23', 'MissingDate'],
      ['x-amz-credential', 'AKIAUNKNOWN000000000/20261123/us-east-1/s3/aws4_request', 'UnknownAccessKey'],
    ];
    for (const [field, value, kind] of cases) {
      const form = await sdkForm();
      form.set(field, value);
      expect(verifyPostSignature(form, lookup, new Date()), field).toMatchObject({ outcome: 'failed', kind });
    }
  });

  it('needs a session key’s token, and refuses the session once it expired', async () => {
    const session = { accessKeyId: SESSION_KEY, secretAccessKey: SECRET_KEY, sessionToken: TOKEN };
    const form = await sdkForm(session);
    expect(form.get('x-amz-security-token')).toBe(TOKEN);
    expect(verifyPostSignature(form, lookup, new Date())).toMatchObject({ outcome: 'verified' });
    expect(verifyPostSignature(form, lookup, new Date(Date.now() + 7_200_000))).toMatchObject({
      kind: 'ExpiredSecurityToken',
    });
    form.delete('x-amz-security-token');
    expect(verifyPostSignature(form, lookup, new Date())).toMatchObject({
      kind: 'InvalidSecurityToken',
      tokenProblem: 'missing',
    });
  });
});
