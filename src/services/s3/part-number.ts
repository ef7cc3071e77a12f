// Part numbers: 1 to 10,000, in UploadPart, UploadPartCopy and GetObject's partNumber.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
import { s3Error } from './s3-errors.js';

export const MAX_PARTS = 10000;

export function checkPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PARTS) {
    throw s3Error('InvalidArgument', `Part number must be an integer between 1 and ${MAX_PARTS}, inclusive`, {
      ArgumentName: 'partNumber',
      ArgumentValue: String(partNumber),
    });
  }
}
