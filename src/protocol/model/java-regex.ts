// AWS's models write `pattern` traits as Java regular expressions, and AWS's servers test them with Java's
// `Matcher.matches()`: the whole value must match. This converts the Java syntax the models use into an
// equivalent JavaScript regex with the `u` flag (so matching is by code point, as Java does).
// https://docs.oracle.com/javase/8/docs/api/java/util/regex/Pattern.html
//
// INVARIANT: Java's `\uhhhh` takes exactly four hex digits. STS's `\u10000-\u10FFFF` therefore means
// `\u1000`, `0-\u10FF`, `F`, `F` — not the supplementary planes — and AWS does reject 😀 in a RoleArn with
// that pattern; converting digit for digit keeps that behaviour.

export type JavaRegexResult = { ok: true; regex: RegExp } | { ok: false; reason: string };

// Characters that may follow a backslash in a `u`-flag regex as an identity escape.
const syntaxCharacters = new Set('^$\\.*+?()[]{}|/');

// Java's predefined classes are ASCII-only unless UNICODE_CHARACTER_CLASS is set, as are JS's `\w` and `\d`;
// `\s` differs (JS includes Unicode spaces), so it is spelled out.
const javaSpace = '\\t\\n\\x0B\\f\\r ';

// POSIX classes Java spells `\p{Alpha}` etc. (US-ASCII only), and its `java*`/`Is*` forms that have a JS twin.
const posixClasses: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: javaSpace,
};

export function javaRegexToJs(pattern: string): JavaRegexResult {
  let out = '';
  let inClass = false;
  let classStart = false; // just after `[` or `[^`, where Java reads `]` as a literal
  let classOpenAt = -1;
  let afterQuantifier = false;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const escaped = convertEscape(pattern, i + 1, inClass);
      if (!escaped.ok) return escaped;
      out += escaped.text;
      i = escaped.next;
      classStart = false;
      afterQuantifier = false;
      continue;
    }
    if (inClass) {
      if (c === ']' && classStart) out += '\\]';
      else if (c === '[') return { ok: false, reason: 'nested character classes are not supported' };
      else if (c === '&' && pattern[i + 1] === '&')
        return { ok: false, reason: 'class intersection is not supported' };
      else {
        if (c === ']') inClass = false;
        out += c;
      }
      classStart = c === '^' && out.length === classOpenAt + 2;
      i += 1;
      continue;
    }
    if (c === '+' && afterQuantifier) {
      // Possessive `X*+`: it only differs from greedy in how much backtracking happens, not in what
      // `matches()` accepts for the patterns in AWS's models, so it is read as greedy.
      afterQuantifier = false;
      i += 1;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?' && pattern[i + 2] === '>') {
      return { ok: false, reason: 'atomic groups are not supported' };
    }
    if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0 || !/^\{\d+(,\d*)?\}$/.test(pattern.slice(i, end + 1))) {
        return { ok: false, reason: `bad repetition at ${i}` };
      }
      out += pattern.slice(i, end + 1);
      i = end + 1;
      afterQuantifier = true;
      continue;
    }
    const lazy: boolean = c === '?' && afterQuantifier;
    afterQuantifier = !lazy && (c === '*' || c === '+' || c === '?');
    if (c === '[') {
      inClass = true;
      classStart = true;
      classOpenAt = out.length;
    }
    out += c;
    i += 1;
  }
  if (inClass) return { ok: false, reason: 'unterminated character class' };
  try {
    return { ok: true, regex: new RegExp(`^(?:${out})$`, 'u') };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

type EscapeResult = { ok: true; text: string; next: number } | { ok: false; reason: string };

function convertEscape(p: string, at: number, inClass: boolean): EscapeResult {
  const c = p[at];
  if (c === undefined) return { ok: false, reason: 'trailing backslash' };
  if (c === 'u') {
    const hex = p.slice(at + 1, at + 5);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) return { ok: false, reason: `bad \\u escape at ${at - 1}` };
    return { ok: true, text: `\\u{${hex}}`, next: at + 5 };
  }
  if (c === 'x') {
    if (p[at + 1] === '{') {
      const end = p.indexOf('}', at + 2);
      const hex = end < 0 ? '' : p.slice(at + 2, end);
      if (!/^[0-9a-fA-F]{1,6}$/.test(hex)) return { ok: false, reason: `bad \\x{} escape at ${at - 1}` };
      return { ok: true, text: `\\u{${hex}}`, next: end + 1 };
    }
    const hex = p.slice(at + 1, at + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return { ok: false, reason: `bad \\x escape at ${at - 1}` };
    return { ok: true, text: `\\x${hex}`, next: at + 3 };
  }
  if (c === 'p' || c === 'P') {
    const m = /^\{(\w+)\}/.exec(p.slice(at + 1)) ?? /^([A-Z])/.exec(p.slice(at + 1));
    if (!m) return { ok: false, reason: `bad \\${c} escape at ${at - 1}` };
    const name = m[1] as string;
    const next = at + 1 + m[0].length;
    const posix = posixClasses[name];
    if (posix !== undefined) {
      const body = c === 'P' ? `[^${posix}]` : inClass ? posix : `[${posix}]`;
      if (c === 'P' && inClass) return { ok: false, reason: `negated \\P{${name}} inside a class` };
      return { ok: true, text: body, next };
    }
    // Java accepts `\p{L}`, `\p{IsL}`, `\p{IsLatin}`, `\p{InGreek}`…; the general categories map directly.
    const category = name.startsWith('Is') ? name.slice(2) : name;
    return { ok: true, text: `\\${c}{${category}}`, next };
  }
  if (c === 's') return { ok: true, text: inClass ? javaSpace : `[${javaSpace}]`, next: at + 1 };
  if (c === 'S') {
    if (inClass) return { ok: false, reason: '\\S inside a class' };
    return { ok: true, text: `[^${javaSpace}]`, next: at + 1 };
  }
  if (c === 'Q') {
    const end = p.indexOf('\\E', at + 1);
    const literal = p.slice(at + 1, end < 0 ? p.length : end);
    const text = [...literal].map((ch) =>
      /[\w ]/u.test(ch) ? ch : `\\u{${ch.codePointAt(0)?.toString(16)}}`,
    );
    return { ok: true, text: text.join(''), next: end < 0 ? p.length : end + 2 };
  }
  if ('wWdDbBtnrfe0123456789'.includes(c)) {
    if (c === 'e') return { ok: true, text: '\\x1B', next: at + 1 };
    if (c === '0') {
      const m = /^0([0-3]?[0-7]{1,2})/.exec(p.slice(at));
      if (!m) return { ok: false, reason: `bad octal escape at ${at - 1}` };
      const code = Number.parseInt(m[1] as string, 8);
      return { ok: true, text: `\\u{${code.toString(16)}}`, next: at + m[0].length };
    }
    return { ok: true, text: `\\${c}`, next: at + 1 };
  }
  if (/[a-zA-Z]/.test(c)) return { ok: false, reason: `unsupported escape \\${c}` };
  // Java lets any non-letter be escaped; a `u` regex only syntax characters (and `-` inside a class).
  if (syntaxCharacters.has(c) || (inClass && c === '-')) return { ok: true, text: `\\${c}`, next: at + 1 };
  const cp = p.codePointAt(at) as number;
  return { ok: true, text: `\\u{${cp.toString(16)}}`, next: at + String.fromCodePoint(cp).length };
}
