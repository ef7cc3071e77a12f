import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load-model.js';
import { matchS3Operation, parseS3Target, type S3HttpRequest } from './match.js';
import { operationPlans } from './operation-plan.js';
import { parseS3Input, payloadKind, type S3InputResult } from './parse.js';

// Requests as raw as the server sees them: what S3 answers when they cannot be read.

const model = loadModel('s3');

function parse(
  method: string,
  target: string,
  headers: S3HttpRequest['headers'] = {},
  payload?: Readable | string,
): S3InputResult & { operation: string } {
  const parsed = parseS3Target(target);
  if (!parsed.ok) throw parsed.error;
  const request: S3HttpRequest = {
    method,
    bucket: parsed.bucket,
    key: parsed.key,
    query: parsed.query,
    headers,
  };
  const match = matchS3Operation(model, request);
  if (!match.ok) throw match.error;
  return { ...parseS3Input(match, request, payload), operation: match.plan.operation.name };
}

function errorOf(result: S3InputResult): unknown {
  return result.ok
    ? result.input
    : {
        code: result.error.code,
        status: result.error.status,
        message: result.error.awsMessage,
        extra: result.error.extra,
      };
}

const ACL_XML = `<?xml version="1.0" encoding="UTF-8"?>
<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Owner><ID>owner-id</ID></Owner>
  <AccessControlList>
    <Grant>
      <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group">
        <URI>http://acs.amazonaws.com/groups/global/AllUsers</URI>
      </Grantee>
      <Permission>READ</Permission>
    </Grant>
  </AccessControlList>
</AccessControlPolicy>`;

describe('parseS3Input', () => {
  it('says what each operation needs as its body', () => {
    const kinds = Object.fromEntries(
      [
        'PutObject',
        'UploadPart',
        'PutBucketPolicy',
        'CreateBucket',
        'DeleteObjects',
        'GetObject',
        'ListBuckets',
      ].map((name) => {
        const plan = operationPlans(model).get(name);
        return [name, plan ? payloadKind(plan) : 'missing'];
      }),
    );
    expect(kinds).toEqual({
      PutObject: 'stream',
      UploadPart: 'stream',
      PutBucketPolicy: 'string',
      CreateBucket: 'xml',
      DeleteObjects: 'xml',
      GetObject: 'none',
      ListBuckets: 'none',
    });
  });

  it('reads an indented ACL document with a Group grantee whatever the whitespace', () => {
    const result = parse('PUT', '/b?acl', {}, ACL_XML);
    expect(result.ok && result.input.AccessControlPolicy).toEqual({
      Owner: { ID: 'owner-id' },
      Grants: [
        {
          Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
          Permission: 'READ',
        },
      ],
    });
  });

  it('keeps spaces and character references inside values', () => {
    const xml = '<Delete><Object><Key> a&#xD;b </Key></Object><Object><Key>&lt;c&gt;</Key></Object></Delete>';
    const result = parse('POST', '/b?delete', {}, xml);
    expect(result.ok && result.input.Delete).toEqual({ Objects: [{ Key: ' a\rb ' }, { Key: '<c>' }] });
  });

  it('answers MalformedXML for documents that are broken or do not fit the model', () => {
    const cases = [
      '<Tagging><TagSet><Tag><Key>a</Key></TagSet></Tagging>', // not well-formed
      '<Tags><TagSet></TagSet></Tags>', // another root
      '<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>', // Tag without its required Key
      '<Tagging></Tagging>', // no TagSet
      '<!DOCTYPE x [<!ENTITY e "boom">]><Tagging><TagSet><Tag><Key>&e;</Key><Value/></Tag></TagSet></Tagging>',
      '<Tagging><TagSet/></Tagging><Tagging><TagSet/></Tagging>', // two roots
      'not xml at all',
    ];
    for (const xml of cases) {
      expect(errorOf(parse('PUT', '/b?tagging', {}, xml))).toMatchObject({
        code: 'MalformedXML',
        status: 400,
      });
    }
    const badNumber =
      '<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>';
    expect(errorOf(parse('POST', '/b/k?uploadId=u', {}, badNumber))).toMatchObject({ code: 'MalformedXML' });
  });

  it('answers MissingRequestBodyError for a required document that is empty; an optional one is simply absent', () => {
    expect(errorOf(parse('PUT', '/b?tagging', {}, ''))).toEqual({
      code: 'MissingRequestBodyError',
      status: 400,
      message: 'Request Body is empty',
      extra: undefined,
    });
    expect(errorOf(parse('PUT', '/b', {}, ' \n'))).toEqual({ Bucket: 'b' });
  });

  it('answers InvalidArgument, naming the argument, for a number S3 cannot read', () => {
    expect(errorOf(parse('GET', '/b?list-type=2&max-keys=abc'))).toEqual({
      code: 'InvalidArgument',
      status: 400,
      message: 'Provided max-keys not an integer or within integer range',
      extra: { ArgumentName: 'max-keys', ArgumentValue: 'abc' },
    });
    expect(errorOf(parse('GET', '/b?list-type=2&max-keys=99999999999'))).toMatchObject({
      code: 'InvalidArgument',
    });
    expect(
      errorOf(
        parse('GET', '/b/k?attributes', { 'x-amz-object-attributes': 'ETag', 'x-amz-max-parts': '1.5' }),
      ),
    ).toMatchObject({
      code: 'InvalidArgument',
      extra: { ArgumentName: 'x-amz-max-parts', ArgumentValue: '1.5' },
    });
  });

  it('reads comma-separated list headers and reports a missing required header', () => {
    const result = parse('GET', '/b/k?attributes', {
      'x-amz-object-attributes': 'ETag, ObjectSize,Checksum',
    });
    expect(result.ok && result.input.ObjectAttributes).toEqual(['ETag', 'ObjectSize', 'Checksum']);
    expect(errorOf(parse('GET', '/b/k?attributes'))).toMatchObject({
      code: 'InvalidRequest',
      message: 'Missing required header for this request: x-amz-object-attributes',
    });
  });

  it('ignores a conditional date it cannot read, as HTTP says', () => {
    const result = parse('GET', '/b/k', {
      'if-modified-since': 'yesterday',
      'if-unmodified-since': 'Mon, 23 Nov 2026 10:00:00 GMT',
    });
    expect(result.ok && result.input).toEqual({
      Bucket: 'b',
      Key: 'k',
      IfUnmodifiedSince: new Date('2026-11-23T10:00:00Z'),
    });
  });

  it('reads UTF-8 header bytes that node:http gave as Latin-1', () => {
    const latin1 = Buffer.from('attachment; filename="café.txt"', 'utf8').toString('latin1');
    const result = parse(
      'PUT',
      '/b/k',
      {
        'content-length': '0',
        'content-disposition': latin1,
        'x-amz-meta-city': Buffer.from('Zürich').toString('latin1'),
      },
      Readable.from([]),
    );
    expect(result.ok && result.input).toMatchObject({
      ContentDisposition: 'attachment; filename="café.txt"',
      Metadata: { city: 'Zürich' },
    });
  });

  it('takes an aws-chunked body length from x-amz-decoded-content-length and drops aws-chunked from the encoding', () => {
    const result = parse(
      'PUT',
      '/b/k',
      {
        'content-length': '190',
        'content-encoding': 'aws-chunked,gzip',
        'x-amz-decoded-content-length': '5',
      },
      Readable.from([Buffer.from('hello')]),
    );
    expect(result.ok && result.input).toMatchObject({ ContentLength: 5, ContentEncoding: 'gzip' });
    const only = parse(
      'PUT',
      '/b/k',
      { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '0' },
      Readable.from([]),
    );
    expect(only.ok && 'ContentEncoding' in only.input).toBe(false);
  });

  it('answers MissingContentLength for an upload without a length, NotImplemented for chunked transfer', () => {
    expect(errorOf(parse('PUT', '/b/k', {}, Readable.from([])))).toMatchObject({
      code: 'MissingContentLength',
      status: 411,
    });
    expect(
      errorOf(
        parse('PUT', '/b/k?partNumber=1&uploadId=u', { 'transfer-encoding': 'chunked' }, Readable.from([])),
      ),
    ).toMatchObject({
      code: 'NotImplemented',
      status: 501,
      extra: { Header: 'Transfer-Encoding' },
    });
  });

  it('gives PutBucketPolicy an empty policy rather than none, so the handler answers MalformedPolicy', () => {
    const result = parse('PUT', '/b?policy', {}, '');
    expect(result.ok && result.input).toEqual({ Bucket: 'b', Policy: '' });
  });
});
