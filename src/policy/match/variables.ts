// Policy variables: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
// `${key}` is replaced by the request's value for `key` (key names are case-insensitive);
// `${key, 'default'}` falls back to `default`; `${*}`, `${?}` and `${$}` stand for the literal characters.
// Version 2008-10-17 (or no Version) has no variables: `${...}` is then plain text.
import { contextValue } from '../context.js';
import type { PolicyVersion, RequestContext } from '../types.js';
import type { GlobPiece } from './glob.js';

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'var'; key: string; fallback?: string };

/** `hasVariables` is true when any `${...}` was recognised, the special `${*}` `${?}` `${$}` included. */
export interface Template {
  parts: TemplatePart[];
  hasVariables: boolean;
}

export function parseTemplate(text: string, version: PolicyVersion): Template {
  if (version !== '2012-10-17' || !text.includes('${')) {
    return { parts: text === '' ? [] : [{ kind: 'text', text }], hasVariables: false };
  }
  const parts: TemplatePart[] = [];
  let textStart = 0;
  let i = 0;
  while (i < text.length) {
    const variable = text.startsWith('${', i) ? readVariable(text, i + 2) : undefined;
    if (variable === undefined) {
      i++;
      continue;
    }
    if (i > textStart) parts.push({ kind: 'text', text: text.slice(textStart, i) });
    parts.push(variable.part);
    i = variable.end;
    textStart = i;
  }
  if (textStart < text.length) parts.push({ kind: 'text', text: text.slice(textStart) });
  return { parts, hasVariables: parts.some((p) => p.kind === 'var') };
}

/**
 * The template with every variable replaced, or undefined when a variable has no value: its key is
 * missing, or multivalued (AWS substitutes single-valued keys only), and it has no default.
 */
export function resolveTemplate(t: Template, ctx: RequestContext): string | undefined {
  let out = '';
  for (const part of t.parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = resolveVariable(part, ctx);
    if (value === undefined) return undefined;
    out += value;
  }
  return out;
}

/** The value of one variable, or undefined when it has none (see resolveTemplate). */
export function resolveVariable(
  part: { key: string; fallback?: string },
  ctx: RequestContext,
): string | undefined {
  const special = specialVariable(part.key);
  if (special !== undefined) return special;
  const value = contextValue(ctx, part.key);
  if (typeof value === 'string') return value;
  if (value !== undefined && value.length === 1) return value[0];
  return part.fallback;
}

/** `*` for `${*}`, `?` for `${?}`, `$` for `${$}`; undefined for a request key. */
export function specialVariable(key: string): string | undefined {
  return key === '*' || key === '?' || key === '$' ? key : undefined;
}

/** True when resolving needs the request (a variable other than the special characters). */
export function needsRequest(t: Template): boolean {
  return t.parts.some((p) => p.kind === 'var' && specialVariable(p.key) === undefined);
}

/**
 * The template as wildcard pieces: policy text keeps its wildcards, variable values are literal
 * (a `*` in a user name matches only `*`). Undefined when a variable has no value.
 */
export function resolvePieces(t: Template, ctx: RequestContext): GlobPiece[] | undefined {
  const pieces: GlobPiece[] = [];
  for (const part of t.parts) {
    if (part.kind === 'text') {
      pieces.push({ text: part.text, literal: false });
      continue;
    }
    const value = resolveVariable(part, ctx);
    if (value === undefined) return undefined;
    pieces.push({ text: value, literal: true });
  }
  return pieces;
}

// Reads `key}` or `key, 'default'}` starting just after `${`; undefined when malformed (the `${` is
// then kept as text, as is an unterminated one).
function readVariable(text: string, start: number): { part: TemplatePart; end: number } | undefined {
  let j = start;
  while (j < text.length && text[j] !== '}' && text[j] !== ',') j++;
  if (j >= text.length) return undefined;
  const key = text.slice(start, j).trim();
  if (!isVariableKey(key)) return undefined;
  if (text[j] === '}') return { part: { kind: 'var', key }, end: j + 1 };
  j = skipSpaces(text, j + 1);
  if (text[j] !== "'") return undefined;
  const close = text.indexOf("'", j + 1);
  if (close < 0) return undefined;
  const fallback = text.slice(j + 1, close);
  const end = skipSpaces(text, close + 1);
  if (text[end] !== '}') return undefined;
  return { part: { kind: 'var', key, fallback }, end: end + 1 };
}

function isVariableKey(key: string): boolean {
  if (specialVariable(key) !== undefined) return true;
  return key !== '' && !/[${}',]/.test(key);
}

function skipSpaces(text: string, i: number): number {
  let j = i;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  return j;
}
