import type { ContextValue, RequestContext } from './types.js';

/** Builds a request context; condition key names are case-insensitive, so keys are stored lower-cased. */
export function buildContext(
  entries: Record<string, ContextValue> | Iterable<[string, ContextValue]>,
): RequestContext {
  const pairs = Symbol.iterator in entries ? entries : Object.entries(entries);
  const context = new Map<string, ContextValue>();
  for (const [key, value] of pairs as Iterable<[string, ContextValue]>) context.set(key.toLowerCase(), value);
  return context;
}

/** The value of a condition key, whatever case the policy wrote it in. */
export function contextValue(context: RequestContext, key: string): ContextValue | undefined {
  return context.get(key.toLowerCase());
}
