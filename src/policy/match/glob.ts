// The wildcard engine behind actions, resources, StringLike and ArnLike.
// A pattern is compiled to "codes": a code point (>= 0) is a literal character, a negative value is
// a wildcard. Keeping literals and wildcards apart lets policy variables insert `*` and `?` as plain
// characters (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
// Matching never builds a RegExp from user text and never backtracks exponentially.

/** Any run of characters, empty included. */
export const STAR = -1;
/** Exactly one character. */
export const ANY = -2;
/** Any run of characters without `:` (inside one ARN segment). */
export const SEG_STAR = -3;
/** One character other than `:`. */
export const SEG_ANY = -4;

const COLON = 0x3a;

/** A run of pattern text; `literal` text (a resolved variable) has no wildcards. */
export interface GlobPiece {
  text: string;
  literal: boolean;
}

/** Tests `s.slice(from, to)` without slicing it. */
export type RangeMatcher = (s: string, from: number, to: number) => boolean;

/** Appends the codes of `text` to `out`; consecutive `*` collapse into one. */
export function appendCodes(out: number[], text: string, literal: boolean): number[] {
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (!literal && cp === 0x2a) {
      if (out[out.length - 1] !== STAR) out.push(STAR);
    } else if (!literal && cp === 0x3f) {
      out.push(ANY);
    } else {
      out.push(cp);
    }
  }
  return out;
}

export function piecesToCodes(pieces: Iterable<GlobPiece>): number[] {
  const out: number[] = [];
  for (const piece of pieces) appendCodes(out, piece.text, piece.literal);
  return out;
}

/** Picks the cheapest matcher for a static pattern: always-true, equality, prefix, suffix, or the general one. */
export function compileCodes(codes: readonly number[]): RangeMatcher {
  const wild = codes.filter((c) => c < 0).length;
  if (codes.length === 1 && codes[0] === STAR) return () => true;
  if (wild === 0) {
    const literal = codesToString(codes);
    return (s, from, to) => to - from === literal.length && s.startsWith(literal, from);
  }
  if (wild === 1 && codes[codes.length - 1] === STAR) {
    const prefix = codesToString(codes.slice(0, -1));
    return (s, from, to) => to - from >= prefix.length && s.startsWith(prefix, from);
  }
  if (wild === 1 && codes[0] === STAR) {
    const suffix = codesToString(codes.slice(1));
    return (s, from, to) => to - from >= suffix.length && s.startsWith(suffix, to - suffix.length);
  }
  if (codes.some((c) => c === SEG_STAR || c === SEG_ANY))
    return (s, from, to) => matchAutomaton(codes, s, from, to);
  return (s, from, to) => matchGreedy(codes, s, from, to);
}

/** Matches codes built per request (patterns with policy variables). */
export function matchCodes(codes: readonly number[], s: string, from = 0, to = s.length): boolean {
  for (const c of codes) if (c === SEG_STAR || c === SEG_ANY) return matchAutomaton(codes, s, from, to);
  return matchGreedy(codes, s, from, to);
}

// Greedy two-pointer glob matching: on a mismatch, only the most recent `*` is retried one character
// further on. That is complete when every star is the same kind, and costs O(n·m) at worst, usually O(n).
// `?` consumes one code point, so a surrogate pair counts as one character.
function matchGreedy(p: readonly number[], s: string, from: number, to: number): boolean {
  const m = p.length;
  let pi = 0;
  let si = from;
  let starP = -1;
  let starS = from;
  while (si < to) {
    if (pi < m) {
      const c = p[pi] as number;
      if (c === STAR) {
        starP = pi++;
        starS = si;
        continue;
      }
      const cp = s.codePointAt(si) as number;
      if (c === ANY || c === cp) {
        pi++;
        si += cp > 0xffff ? 2 : 1;
        continue;
      }
    }
    if (starP < 0) return false;
    pi = starP + 1;
    starS += (s.codePointAt(starS) as number) > 0xffff ? 2 : 1;
    si = starS;
  }
  while (pi < m && p[pi] === STAR) pi++;
  return pi === m;
}

// Set-of-states simulation for patterns that mix `*` with segment-bound `*` (resource ARNs whose
// segment ends in `*`): O(n·m) time, no backtracking at all.
function matchAutomaton(p: readonly number[], s: string, from: number, to: number): boolean {
  const m = p.length;
  let current = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  current[0] = 1;
  closeOverStars(p, current);
  let si = from;
  while (si < to) {
    const cp = s.codePointAt(si) as number;
    si += cp > 0xffff ? 2 : 1;
    next.fill(0);
    let alive = false;
    for (let j = 0; j < m; j++) {
      if (current[j] === 0) continue;
      const c = p[j] as number;
      if (c === STAR || (c === SEG_STAR && cp !== COLON)) {
        next[j] = 1;
        alive = true;
      } else if (c === ANY || (c === SEG_ANY && cp !== COLON) || c === cp) {
        next[j + 1] = 1;
        alive = true;
      }
    }
    if (!alive) return false;
    closeOverStars(p, next);
    [current, next] = [next, current];
  }
  return current[m] === 1;
}

function closeOverStars(p: readonly number[], states: Uint8Array): void {
  for (let j = 0; j < p.length; j++) {
    if (states[j] === 1 && (p[j] === STAR || p[j] === SEG_STAR)) states[j + 1] = 1;
  }
}

function codesToString(codes: readonly number[]): string {
  let out = '';
  for (const c of codes) out += String.fromCodePoint(c);
  return out;
}
