import { describe, expect, it } from 'vitest';
import { routeRequest } from './route-request.js';

const BASE = ['localhost'];
const signed = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261123/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;

describe('routeRequest', () => {
  it('routes a signed request by its credential scope', () => {
    const base = { host: '127.0.0.1:4577', path: '/', query: '', method: 'POST', contentType: undefined };
    expect(routeRequest({ ...base, authorization: signed('iam') }, BASE)).toEqual({ service: 'iam' });
    expect(routeRequest({ ...base, authorization: signed('sts') }, BASE)).toEqual({ service: 'sts' });
    expect(routeRequest({ ...base, authorization: signed('s3') }, BASE)).toEqual({ service: 's3' });
  });

  it('reads the bucket of a virtual-hosted S3 request from its host', () => {
    expect(
      routeRequest(
        {
          host: 'productionapp.localhost:4577',
          authorization: signed('s3'),
          path: '/',
          query: '',
          method: 'GET',
          contentType: undefined,
        },
        BASE,
      ),
    ).toEqual({ service: 's3', virtualBucket: 'productionapp' });
  });

  it('reads a presigned URL scope from the query', () => {
    const query =
      'X-Amz-Credential=AKIAEXAMPLE%2F20261123%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=00';
    expect(
      routeRequest(
        {
          host: 'localhost:4577',
          authorization: undefined,
          path: '/b/k',
          query,
          method: 'GET',
          contentType: undefined,
        },
        BASE,
      ),
    ).toEqual({ service: 's3' });
  });

  it('answers unsigned Query API calls as STS or IAM, and other unsigned requests as anonymous S3', () => {
    const unsigned = { authorization: undefined, contentType: undefined, path: '/' };
    expect(
      routeRequest(
        { ...unsigned, host: '127.0.0.1', query: 'Action=GetCallerIdentity', method: 'GET' },
        BASE,
      ),
    ).toEqual({
      service: 'sts',
    });
    expect(
      routeRequest(
        {
          host: 'iam.localhost:4577',
          authorization: undefined,
          path: '/',
          query: '',
          method: 'POST',
          contentType: 'application/x-www-form-urlencoded; charset=utf-8',
        },
        BASE,
      ),
    ).toEqual({ service: 'iam' });
    expect(routeRequest({ ...unsigned, host: '127.0.0.1:4577', query: '', method: 'GET' }, BASE)).toEqual({
      service: 's3',
    });
    expect(
      routeRequest({ ...unsigned, host: 'public.localhost', query: 'list-type=2', method: 'GET' }, BASE),
    ).toEqual({
      service: 's3',
      virtualBucket: 'public',
    });
  });

  it('sends S3 Control paths to S3 Control, whatever account label the host carries', () => {
    const control = {
      host: '999999999999.localhost:4577',
      authorization: signed('s3'),
      path: '/v20180820/configuration/publicAccessBlock',
      query: '',
      method: 'GET',
      contentType: undefined,
    };
    expect(routeRequest(control, BASE)).toEqual({ service: 's3control' });
    expect(routeRequest({ ...control, path: '/v20180820' }, BASE)).toEqual({
      service: 's3',
      virtualBucket: '999999999999',
    });
  });
});
