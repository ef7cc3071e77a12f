// Tag sets of buckets and objects, checked as S3 checks them: tag by tag in order, the first fault
// answering, then the count. https://docs.aws.amazon.com/AmazonS3/latest/API/API_Tag.html
import type { Tag as TagShape } from '../../protocol/generated/s3.js';
import type { Tag } from '../../store/records.js';
import { s3Error } from './s3-errors.js';

// "Up to 50 tags per bucket", "up to 10 tags per object":
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-managing.html
const LIMITS = {
  bucket: [50, 'Bucket tag count cannot be greater than 50'],
  object: [10, 'Object tags cannot be greater than 10'],
} as const;

// Letters, digits, white space and `_ . : / = + - @`, as the Tag shape's documented pattern.
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const AWS_PREFIX =
  'User-defined tag keys can\'t start with "aws:". This prefix is reserved for system tags. Remove "aws:" from your tag keys and try again.';

/** The tags as stored, or InvalidTag / BadRequest with S3's messages. */
export function checkTagSet(tagSet: readonly TagShape[], scope: keyof typeof LIMITS): Tag[] {
  const seen = new Set<string>();
  for (const { Key: key, Value: value } of tagSet) {
    // Lengths count UTF-16 code units, as the model's length constraints.
    if (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key)) {
      throw s3Error('InvalidTag', 'The TagKey you have provided is invalid', { TagKey: key });
    }
    if (value.length > 256 || !TAG_TEXT.test(value)) {
      throw s3Error('InvalidTag', 'The TagValue you have provided is invalid', {
        TagKey: key,
        TagValue: value,
      });
    }
    if (key.toLowerCase().startsWith('aws:')) throw s3Error('InvalidTag', AWS_PREFIX, { TagKey: key });
    if (seen.has(key)) {
      throw s3Error('InvalidTag', 'Cannot provide multiple Tags with the same key', { TagKey: key });
    }
    seen.add(key);
  }
  const [limit, message] = LIMITS[scope];
  if (tagSet.length > limit) throw s3Error('BadRequest', message);
  return tagSet.map((t) => ({ key: t.Key, value: t.Value }));
}

export function toTagShapes(tags: readonly Tag[]): TagShape[] {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}
