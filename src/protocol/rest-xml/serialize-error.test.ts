import { describe, expect, it } from 'vitest';
import { AwsError } from '../errors.js';
import { methodNotAllowed } from './s3-protocol-errors.js';
import { serializeS3Error } from './serialize-error.js';

const ids = { requestId: 'REQ1', hostId: 'HOST1' };

describe('serializeS3Error', () => {
  it('writes S3 error XML: code, message, extra children in order, then the ids, and the id headers', () => {
    const response = serializeS3Error(methodNotAllowed('POST', 'OBJECT'), ids, 'POST');
    expect(response.status).toBe(405);
    expect(response.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>MethodNotAllowed</Code>' +
        '<Message>The specified method is not allowed against this resource.</Message>' +
        '<Method>POST</Method><ResourceType>OBJECT</ResourceType><RequestId>REQ1</RequestId><HostId>HOST1</HostId></Error>',
    );
    expect(response.headers).toEqual({
      'x-amz-request-id': 'REQ1',
      'x-amz-id-2': 'HOST1',
      'content-type': 'application/xml',
      'content-length': String(Buffer.byteLength(response.body as string)),
    });
  });

  it('escapes what the error carries', () => {
    const error = new AwsError({
      code: 'NoSuchKey',
      status: 404,
      message: 'The specified key does not exist.',
      extra: { Key: 'a<&>"b' },
    });
    expect(serializeS3Error(error, { requestId: 'R' }, 'GET').body).toContain(
      '<Key>a&lt;&amp;&gt;&quot;b</Key><RequestId>R</RequestId><HostId>Ug==</HostId>',
    );
  });

  it('answers a HEAD error and a 304 with the status and headers alone', () => {
    const notFound = new AwsError({
      code: 'NoSuchKey',
      status: 404,
      message: 'The specified key does not exist.',
    });
    const head = serializeS3Error(notFound, ids, 'HEAD');
    expect(head).toEqual({
      status: 404,
      headers: { 'x-amz-request-id': 'REQ1', 'x-amz-id-2': 'HOST1' },
      body: undefined,
    });
    const notModified = serializeS3Error(
      new AwsError({ code: 'NotModified', status: 304, message: 'Not Modified' }),
      ids,
      'GET',
    );
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeUndefined();
  });
});
