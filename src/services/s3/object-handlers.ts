// Every object operation trustlab answers; bucket-handlers.ts has the bucket side.
import type { S3OperationName } from '../../protocol/generated/s3.js';
import { copyObject } from './copy-object.js';
import { deleteObject } from './delete-object.js';
import { deleteObjects } from './delete-objects.js';
import { getObject, headObject } from './get-object.js';
import { listObjectVersions } from './list-object-versions.js';
import { listObjects, listObjectsV2 } from './list-objects.js';
import { completeMultipartUpload } from './multipart-complete.js';
import { listParts, uploadPart, uploadPartCopy } from './multipart-parts.js';
import { abortMultipartUpload, createMultipartUpload, listMultipartUploads } from './multipart-uploads.js';
import { getObjectAcl, putObjectAcl } from './object-acl.js';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from './object-tagging.js';
import { putObject } from './put-object.js';
import type { S3OperationHandler } from './s3-operation-handler.js';

export const objectHandlers: { [K in S3OperationName]?: S3OperationHandler<K> } = {
  // objects
  PutObject: putObject,
  GetObject: getObject,
  HeadObject: headObject,
  DeleteObject: deleteObject,
  DeleteObjects: deleteObjects,
  CopyObject: copyObject,
  // tags and ACLs
  GetObjectTagging: getObjectTagging,
  PutObjectTagging: putObjectTagging,
  DeleteObjectTagging: deleteObjectTagging,
  GetObjectAcl: getObjectAcl,
  PutObjectAcl: putObjectAcl,
  // listings
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  ListObjectVersions: listObjectVersions,
  // multipart
  CreateMultipartUpload: createMultipartUpload,
  UploadPart: uploadPart,
  UploadPartCopy: uploadPartCopy,
  CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload,
  ListParts: listParts,
  ListMultipartUploads: listMultipartUploads,
};
