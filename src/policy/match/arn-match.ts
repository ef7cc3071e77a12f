// ARN-aware wildcard matching, shared by the Resource element and the Arn* condition operators.
//
// An ARN is `arn:partition:service:region:account:resource`; the resource part keeps any further
// colons and slashes (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
//
// - Arn* operators (mode 'condition'): "Each of the six colon-delimited components of the ARN is
//   checked separately and each can include multi-character match wildcards (*) or single-character
//   match wildcards (?)". ArnEquals and ArnLike behave identically, wildcards included. In AWS's own
//   example `arn:aws:someservice:*:111122223333:finance/*` does not match
//   `arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt`: the first
//   `*` matches only `us-east-2`.
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
// - Resource element (mode 'resource'): wildcards work "within the individual segments of an ARN (the
//   parts separated by colons)", `*` spans `/` inside a segment, and "If the * wildcard is the last
//   character of a resource ARN segment, it can expand to match beyond the colon boundaries".
//   So a `*` inside one of the first five segments stays within it, a `*` ending one of them may
//   swallow colons, and in the resource part `*` matches anything.
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
// - A pattern that is not an ARN (`*`, or fewer than six segments, or not starting with `arn`) is one
//   wildcard match over the whole value. A value that is not an ARN never matches an ARN pattern.
// Matching is case-sensitive.
import type { RequestContext } from '../types.js';
import { ANY, compileCodes, matchCodes, type RangeMatcher, SEG_ANY, SEG_STAR, STAR } from './glob.js';
import { compileGlobTemplate, type GlobTemplate } from './glob-template.js';
import { parseTemplate, type Template, type TemplatePart } from './variables.js';

export type ArnMode = 'condition' | 'resource';
export type TemplateMatcher = (value: string, ctx: RequestContext) => boolean;

const NO_CONTEXT: RequestContext = new Map();

/** ArnLike/ArnEquals for a pattern without policy variables. */
export function arnLike(pattern: string, value: string): boolean {
  return compileArnLike(pattern)(value);
}

export function compileArnLike(pattern: string): (value: string) => boolean {
  const match = compileArnTemplate(parseTemplate(pattern, '2008-10-17'), 'condition');
  return (value) => match(value, NO_CONTEXT);
}

/** Compiles an ARN pattern whose variables (if any) are resolved per request as literal text. */
export function compileArnTemplate(t: Template, mode: ArnMode): TemplateMatcher {
  const fast = t.hasVariables
    ? undefined
    : literalMatcher(t.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(''));
  if (fast) return fast;
  const segments = splitSegments(t.parts);
  const first = segments[0];
  const isArn =
    segments.length === 6 && first?.length === 1 && first[0]?.kind === 'text' && first[0].text === 'arn';
  if (!isArn) return wholeMatcher(compileGlobTemplate(t.parts));
  const templates = segments.map(compileGlobTemplate);
  const crossing = mode === 'resource' && segments.slice(0, 5).some(endsWithWildStar);
  return crossing ? crossingMatcher(templates) : segmentMatcher(templates);
}

/**
 * The two shapes most policies use, answered without splitting the value: a pattern with no
 * wildcard is a plain comparison, and one whose only wildcard is a final `*` after the fifth colon
 * (`arn:aws:s3:::bucket/*`) is a prefix test, because the prefix then fixes the five first segments
 * and a `*` in the resource part matches anything. Other patterns go through the segment matchers.
 */
function literalMatcher(pattern: string): TemplateMatcher | undefined {
  const wildcard = pattern.search(/[*?]/);
  if (wildcard < 0) return (value) => value === pattern;
  const prefix = pattern.slice(0, -1);
  const inResourcePart = prefix.split(':').length > 5 && prefix.startsWith('arn:');
  if (wildcard === pattern.length - 1 && pattern.endsWith('*') && inResourcePart)
    return (value) => value.startsWith(prefix);
  return undefined;
}

/**
 * Writes the offsets of the five colons that split an ARN value, framed by 0 and its length, into
 * `bounds` (no allocation); false when the value is not an ARN.
 */
export function fillArnBounds(value: string, bounds: Int32Array): boolean {
  if (!value.startsWith('arn:')) return false;
  bounds[0] = 0;
  bounds[1] = 3;
  let at = 3;
  for (let k = 2; k < 6; k++) {
    at = value.indexOf(':', at + 1);
    if (at < 0) return false;
    bounds[k] = at;
  }
  bounds[6] = value.length;
  return true;
}

// INVARIANT: matching is synchronous and never re-enters itself, so one buffer serves every call.
const scratchBounds = new Int32Array(7);

function wholeMatcher(template: GlobTemplate): TemplateMatcher {
  if (template.staticCodes !== undefined) {
    const match = compileCodes(template.staticCodes);
    return (value) => match(value, 0, value.length);
  }
  return (value, ctx) => {
    const codes = template.resolve(ctx);
    return codes !== undefined && matchCodes(codes, value);
  };
}

function segmentMatcher(templates: readonly GlobTemplate[]): TemplateMatcher {
  const compiled = templates.map((t) => (t.staticCodes !== undefined ? compileCodes(t.staticCodes) : t));
  return (value, ctx) => {
    const bounds = scratchBounds;
    if (!fillArnBounds(value, bounds)) return false;
    for (let i = 0; i < 6; i++) {
      const from = i === 0 ? 0 : (bounds[i] as number) + 1;
      const to = bounds[i + 1] as number;
      const segment = compiled[i] as RangeMatcher | GlobTemplate;
      if (typeof segment === 'function') {
        if (!segment(value, from, to)) return false;
        continue;
      }
      const codes = segment.resolve(ctx);
      if (codes === undefined || !matchCodes(codes, value, from, to)) return false;
    }
    return true;
  };
}

// A segment ending in `*` may run over colons, so the six segments are matched as one pattern where
// the other wildcards of the first five segments cannot cross a colon.
function crossingMatcher(templates: readonly GlobTemplate[]): TemplateMatcher {
  const join = (parts: readonly (readonly number[])[]): number[] => {
    const out: number[] = [];
    parts.forEach((codes, i) => {
      if (i > 0) out.push(0x3a);
      for (let k = 0; k < codes.length; k++) {
        const c = codes[k] as number;
        out.push(i === 5 ? c : boundToSegment(c, k === codes.length - 1));
      }
    });
    return out;
  };
  if (templates.every((t) => t.staticCodes !== undefined)) {
    const match = compileCodes(join(templates.map((t) => t.staticCodes as readonly number[])));
    return (value) => match(value, 0, value.length);
  }
  return (value, ctx) => {
    const resolved: (readonly number[])[] = [];
    for (const t of templates) {
      const codes = t.resolve(ctx);
      if (codes === undefined) return false;
      resolved.push(codes);
    }
    return matchCodes(join(resolved), value);
  };
}

function boundToSegment(code: number, last: boolean): number {
  if (code === STAR) return last ? STAR : SEG_STAR;
  return code === ANY ? SEG_ANY : code;
}

// Splits on the first five colons of the policy text; colons inside `${...}` or inside a variable's
// value never separate segments.
function splitSegments(parts: readonly TemplatePart[]): TemplatePart[][] {
  const segments: TemplatePart[][] = [[]];
  for (const part of parts) {
    if (part.kind === 'var') {
      segments[segments.length - 1]?.push(part);
      continue;
    }
    let rest = part.text;
    let colon = rest.indexOf(':');
    while (colon >= 0 && segments.length < 6) {
      if (colon > 0) segments[segments.length - 1]?.push({ kind: 'text', text: rest.slice(0, colon) });
      segments.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    if (rest !== '') segments[segments.length - 1]?.push({ kind: 'text', text: rest });
  }
  return segments;
}

function endsWithWildStar(segment: readonly TemplatePart[]): boolean {
  const last = segment[segment.length - 1];
  return last?.kind === 'text' && last.text.endsWith('*');
}
