// A wildcard pattern that may contain policy variables, compiled once: policy text is turned into
// codes up front, so a request only appends its (literal) variable values.
import type { RequestContext } from '../types.js';
import { appendCodes } from './glob.js';
import { resolveVariable, specialVariable, type TemplatePart } from './variables.js';

type Chunk = readonly number[] | { key: string; fallback?: string };

export interface GlobTemplate {
  /** Set when the pattern needs no request value: its codes, ready to match. */
  staticCodes?: readonly number[];
  /** The codes for this request, or undefined when a variable has no value. */
  resolve(ctx: RequestContext): readonly number[] | undefined;
}

export function compileGlobTemplate(parts: readonly TemplatePart[]): GlobTemplate {
  const chunks: Chunk[] = [];
  let pending: number[] = [];
  for (const part of parts) {
    const special = part.kind === 'var' ? specialVariable(part.key) : undefined;
    if (part.kind === 'text') appendCodes(pending, part.text, false);
    else if (special !== undefined) appendCodes(pending, special, true);
    else {
      if (pending.length > 0) chunks.push(pending);
      pending = [];
      chunks.push(
        part.fallback === undefined ? { key: part.key } : { key: part.key, fallback: part.fallback },
      );
    }
  }
  if (chunks.length === 0) return { staticCodes: pending, resolve: () => pending };
  if (pending.length > 0) chunks.push(pending);
  return {
    resolve(ctx) {
      const out: number[] = [];
      for (const chunk of chunks) {
        if (Array.isArray(chunk)) {
          for (const c of chunk as readonly number[]) out.push(c);
          continue;
        }
        const value = resolveVariable(chunk as { key: string; fallback?: string }, ctx);
        if (value === undefined) return undefined;
        appendCodes(out, value, true);
      }
      return out;
    },
  };
}
