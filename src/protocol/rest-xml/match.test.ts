import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load-model.js';
import { matchS3Operation, parseS3Target, type S3HttpRequest } from './match.js';

const model = loadModel('s3');

function request(method: string, target: string, headers: S3HttpRequest['headers'] = {}): S3HttpRequest {
  const parsed = parseS3Target(target);
  if (!parsed.ok) throw parsed.error;
  return { method, bucket: parsed.bucket, key: parsed.key, query: parsed.query, headers };
}

function operationOf(method: string, target: string, headers: S3HttpRequest['headers'] = {}): string {
  const match = matchS3Operation(model, request(method, target, headers));
  if (!match.ok) return `${match.error.code} ${JSON.stringify(match.error.extra)}`;
  return match.plan.operation.name;
}

describe('parseS3Target', () => {
  it('splits path-style targets and decodes each part once, keeping + and slashes in keys', () => {
    expect(parseS3Target('/b/a%2Fb%20c+d?acl')).toEqual({
      ok: true,
      bucket: 'b',
      key: 'a/b c+d',
      query: 'acl',
    });
    expect(parseS3Target('/b/dir//x%25y')).toEqual({ ok: true, bucket: 'b', key: 'dir//x%y', query: '' });
    expect(parseS3Target('/b')).toEqual({ ok: true, bucket: 'b', key: undefined, query: '' });
    expect(parseS3Target('/b/')).toEqual({ ok: true, bucket: 'b', key: '', query: '' });
    expect(parseS3Target('/?x-id=ListBuckets')).toEqual({
      ok: true,
      bucket: undefined,
      key: undefined,
      query: 'x-id=ListBuckets',
    });
  });

  it('takes the whole path as the key for a virtual-hosted bucket', () => {
    expect(parseS3Target('/dir/k%C3%A9y', 'vb')).toEqual({
      ok: true,
      bucket: 'vb',
      key: 'dir/kéy',
      query: '',
    });
    expect(parseS3Target('/?location', 'vb')).toEqual({ ok: true, bucket: 'vb', key: '', query: 'location' });
  });

  it('answers InvalidURI for broken percent-encoding or UTF-8', () => {
    for (const target of ['/b/%E0%A4%A', '/b/%ZZ', '/b/%C3%28', 'b/k']) {
      const parsed = parseS3Target(target);
      expect(parsed.ok ? 'ok' : parsed.error.code).toBe('InvalidURI');
    }
  });
});

describe('matchS3Operation', () => {
  it('matches by method, resource and the literal query keys of the request URI', () => {
    expect(operationOf('GET', '/')).toBe('ListBuckets');
    expect(operationOf('GET', '/b')).toBe('ListObjects');
    expect(operationOf('GET', '/b/')).toBe('ListObjects');
    expect(operationOf('GET', '/b?list-type=2&prefix=a')).toBe('ListObjectsV2');
    expect(operationOf('GET', '/b?list-type=1')).toBe('ListObjects');
    expect(operationOf('GET', '/b?versions')).toBe('ListObjectVersions');
    expect(operationOf('GET', '/b?uploads')).toBe('ListMultipartUploads');
    expect(operationOf('GET', '/b?location')).toBe('GetBucketLocation');
    expect(operationOf('PUT', '/b')).toBe('CreateBucket');
    expect(operationOf('PUT', '/b?policy')).toBe('PutBucketPolicy');
    expect(operationOf('POST', '/b?delete')).toBe('DeleteObjects');
    expect(operationOf('HEAD', '/b')).toBe('HeadBucket');
    expect(operationOf('HEAD', '/b/k')).toBe('HeadObject');
    expect(operationOf('GET', '/b/k?acl&versionId=1')).toBe('GetObjectAcl');
    expect(operationOf('GET', '/b/k?tagging')).toBe('GetObjectTagging');
    expect(operationOf('POST', '/b/k?uploads')).toBe('CreateMultipartUpload');
  });

  it('ignores members and the SDK x-id as selectors', () => {
    expect(operationOf('GET', '/b/k?x-id=GetObject&versionId=3')).toBe('GetObject');
    expect(operationOf('PUT', '/b/k?x-id=PutObject')).toBe('PutObject');
    expect(operationOf('GET', '/b?x-id=ListObjects&unknown=1')).toBe('ListObjects');
  });

  it('tells operations on the same URI apart by the members they require', () => {
    expect(operationOf('PUT', '/b/k')).toBe('PutObject');
    expect(operationOf('PUT', '/b/k', { 'x-amz-copy-source': 'src/k' })).toBe('CopyObject');
    expect(operationOf('PUT', '/b/k?partNumber=1&uploadId=u')).toBe('UploadPart');
    expect(operationOf('PUT', '/b/k?partNumber=1&uploadId=u', { 'x-amz-copy-source': 'src/k' })).toBe(
      'UploadPartCopy',
    );
    expect(operationOf('DELETE', '/b/k')).toBe('DeleteObject');
    expect(operationOf('DELETE', '/b/k?uploadId=u')).toBe('AbortMultipartUpload');
    expect(operationOf('GET', '/b/k')).toBe('GetObject');
    expect(operationOf('GET', '/b/k?uploadId=u')).toBe('ListParts');
    expect(operationOf('POST', '/b/k?uploadId=u')).toBe('CompleteMultipartUpload');
    expect(operationOf('GET', '/b?analytics')).toBe('ListBucketAnalyticsConfigurations');
    expect(operationOf('GET', '/b?analytics&id=x')).toBe('GetBucketAnalyticsConfiguration');
  });

  it('prefers the current operation to its deprecated twin', () => {
    expect(operationOf('GET', '/b?lifecycle')).toBe('GetBucketLifecycleConfiguration');
    expect(operationOf('PUT', '/b?lifecycle')).toBe('PutBucketLifecycleConfiguration');
    expect(operationOf('GET', '/b?notification')).toBe('GetBucketNotificationConfiguration');
    expect(operationOf('PUT', '/b?notification')).toBe('PutBucketNotificationConfiguration');
  });

  it('answers MethodNotAllowed with the method and resource type when nothing matches', () => {
    expect(operationOf('PATCH', '/b')).toBe('MethodNotAllowed {"Method":"PATCH","ResourceType":"BUCKET"}');
    expect(operationOf('POST', '/b/k')).toBe('MethodNotAllowed {"Method":"POST","ResourceType":"OBJECT"}');
    expect(operationOf('DELETE', '/')).toBe('MethodNotAllowed {"Method":"DELETE","ResourceType":"SERVICE"}');
    const match = matchS3Operation(model, request('POST', '/b/k'));
    expect(match.ok ? 0 : match.error.status).toBe(405);
  });

  it('answers InvalidURI for a query string it cannot decode', () => {
    const match = matchS3Operation(model, request('GET', '/b?prefix=%E0%A4%A'));
    expect(match.ok ? 'ok' : match.error.code).toBe('InvalidURI');
  });

  it('decodes + in the query as a space', () => {
    const match = matchS3Operation(model, request('GET', '/b?list-type=2&prefix=a+b%2Bc'));
    expect(match.ok && match.query.get('prefix')).toBe('a b+c');
  });
});
