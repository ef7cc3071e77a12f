import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load-model.js';
import { matchS3Control, readPublicAccessBlock, writePublicAccessBlock } from './s3control.js';

const PATH = '/v20180820/configuration/publicAccessBlock';
const account = { 'x-amz-account-id': '999999999999' };

describe('S3 Control wire', () => {
  it('tells the three Block Public Access operations apart by method, with the account header', () => {
    expect(matchS3Control('PUT', PATH, account)).toEqual({
      ok: true,
      operation: 'PutPublicAccessBlock',
      accountId: '999999999999',
    });
    expect(matchS3Control('GET', PATH, account)).toMatchObject({ operation: 'GetPublicAccessBlock' });
    expect(matchS3Control('DELETE', PATH, account)).toMatchObject({ operation: 'DeletePublicAccessBlock' });
    expect(matchS3Control('GET', PATH, {})).toMatchObject({
      ok: false,
      error: {
        code: 'InvalidRequest',
        message: 'Missing required header for this request: x-amz-account-id',
      },
    });
    expect(matchS3Control('GET', '/v20180820/accesspoint', account)).toMatchObject({
      ok: false,
      error: { code: 'NotImplemented', status: 501 },
    });
  });

  it('reads the configuration document as botocore writes it, and refuses a malformed one', () => {
    const model = loadModel('s3');
    const document =
      '<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><BlockPublicAcls>true</BlockPublicAcls><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>';
    expect(readPublicAccessBlock(model, document)).toEqual({
      ok: true,
      value: { BlockPublicAcls: true, RestrictPublicBuckets: false },
    });
    expect(
      readPublicAccessBlock(model, '<PublicAccessBlockConfiguration><BlockPublicAcls>yes'),
    ).toMatchObject({
      ok: false,
      error: { code: 'MalformedXML' },
    });
    expect(
      writePublicAccessBlock({
        BlockPublicAcls: true,
        IgnorePublicAcls: false,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: false,
      }),
    ).toContain(
      '<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>',
    );
  });
});
