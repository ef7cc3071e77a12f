import type { ContextValue } from '../policy/types.js';

/**
 * `aws:RequestTag/KEY` for each tag a request passes (`Tags` as a list of `{Key, Value}`), and
 * `aws:TagKeys` for the keys it passes or removes (`TagKeys` of Untag* operations):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html
 */
export function requestTagContext(tags: unknown, tagKeys?: unknown): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  const keys: string[] = [];
  if (Array.isArray(tags)) {
    for (const tag of tags as unknown[]) {
      const { Key, Value } = (tag ?? {}) as { Key?: unknown; Value?: unknown };
      if (typeof Key !== 'string') continue;
      keys.push(Key);
      if (typeof Value === 'string') context[`aws:RequestTag/${Key}`] = Value;
    }
  }
  if (Array.isArray(tagKeys)) for (const key of tagKeys) if (typeof key === 'string') keys.push(key);
  if (keys.length > 0) context['aws:TagKeys'] = keys;
  return context;
}
