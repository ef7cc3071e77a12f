import { appendCodes, compileCodes } from './glob.js';

export type WildcardMatcher = (text: string) => boolean;

/**
 * `*` matches any run of characters (empty included), `?` exactly one; everything else is literal.
 * Matching is linear-ish (see glob.ts): no RegExp is built from the pattern.
 */
export function compileWildcard(pattern: string, ignoreCase: boolean): WildcardMatcher {
  const source = ignoreCase ? pattern.toLowerCase() : pattern;
  const codes = appendCodes([], source, false);
  if (codes.every((c) => c >= 0)) {
    return ignoreCase ? (text) => text.toLowerCase() === source : (text) => text === source;
  }
  const match = compileCodes(codes);
  return ignoreCase
    ? (text) => {
        const lower = text.toLowerCase();
        return match(lower, 0, lower.length);
      }
    : (text) => match(text, 0, text.length);
}
