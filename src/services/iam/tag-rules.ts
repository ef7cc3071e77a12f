// Tags on users, roles and policies: keys are case-insensitive on users and roles ("Tag keys are case
// insensitive"), at most 50 per entity.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating
import { awsError } from '../../protocol/errors.js';
import type { Tag as TagShape } from '../../protocol/generated/iam.js';
import type { Tag } from '../../store/records.js';
import { quotaExceeded } from './iam-errors.js';
import { fromTags } from './iam-shapes.js';

export const MAX_TAGS = 50;

/** The request's tags; a key given twice (in any case) is InvalidInput, as IAM answers. */
export function readTags(tags: readonly TagShape[] | undefined): Tag[] {
  const seen = new Set<string>();
  for (const tag of tags ?? []) {
    const key = tag.Key.toLowerCase();
    if (seen.has(key)) {
      throw awsError(
        'iam',
        'InvalidInput',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
    }
    seen.add(key);
  }
  return fromTags(tags);
}

/** Adds or overwrites tags by key (case-insensitively), keeping the order of the first writes. */
export function mergeTags(current: readonly Tag[], added: readonly Tag[], quota: string): Tag[] {
  const next = current.map((t) => ({ ...t }));
  for (const tag of added) {
    const existing = next.find((t) => t.key.toLowerCase() === tag.key.toLowerCase());
    if (existing) {
      existing.key = tag.key;
      existing.value = tag.value;
    } else next.push({ ...tag });
  }
  if (next.length > MAX_TAGS) throw quotaExceeded(quota, MAX_TAGS);
  return next;
}

export function removeTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  const removed = new Set(keys.map((k) => k.toLowerCase()));
  return current.filter((t) => !removed.has(t.key.toLowerCase()));
}
