import { type DocumentNode, parse } from '@humanwhocodes/momoa';
import type { Finding } from '../types.js';
import { pointAt } from './locate.js';
import { makeFinding } from './make-finding.js';

// A real policy nests about six levels deep (Statement → [ ] → { } → Condition → operator → key → [ ]).
// momoa parses recursively, so cap the depth before calling it: no stack overflow on hostile input.
export const MAX_JSON_DEPTH = 64;

export interface JsonReadResult {
  doc: DocumentNode | undefined;
  findings: Finding[];
}

/** Parses JSON text with positions; every failure is a located `json-syntax-error` finding, never a throw. */
export function readJson(text: string): JsonReadResult {
  // A UTF-8 BOM is not JSON whitespace; blank it out (same length, so every offset still points into `text`).
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const tooDeep = firstTooDeep(source);
  if (tooDeep !== undefined) {
    return {
      doc: undefined,
      findings: [
        syntaxError(
          text,
          tooDeep,
          `json nested deeper than ${MAX_JSON_DEPTH} levels`,
          'a policy needs only a few levels of nesting',
        ),
      ],
    };
  }
  try {
    return { doc: parse(source, { mode: 'json', ranges: true }), findings: [] };
  } catch (error) {
    return { doc: undefined, findings: [fromParserError(text, error)] };
  }
}

function fromParserError(text: string, error: unknown): Finding {
  if (error instanceof RangeError) {
    return syntaxError(text, 0, 'json nested too deeply to read');
  }
  const message = error instanceof Error ? error.message : String(error);
  const offset =
    typeof (error as { offset?: unknown }).offset === 'number' ? (error as { offset: number }).offset : 0;
  if (message.startsWith('Unexpected end of input')) {
    // momoa places some end-of-input errors at 1:1; the end of the text is where the user must look.
    return syntaxError(text, trimmedEnd(text), 'unexpected end of input', 'close every `{`, `[` and `"`');
  }
  return syntaxError(text, offset, describe(message));
}

function describe(message: string): string {
  const text = message.replace(/ \(\d+:\d+\)$/, '');
  const char = /^Unexpected character '(.*)' found\.$/s.exec(text);
  if (char) return `unexpected character \`${printable(char[1] ?? '')}\``;
  const token = /^Unexpected token (\w+) found\.$/.exec(text);
  if (token) return `unexpected ${TOKEN_WORDS[token[1] ?? ''] ?? (token[1] ?? 'token').toLowerCase()}`;
  const badEscape = /^Invalid (?:unicode |hex )?escape (.*)\.$/.exec(text);
  if (badEscape) return `invalid escape \`${badEscape[1] ?? ''}\` in a string`;
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}

const TOKEN_WORDS: Record<string, string> = {
  LBrace: '`{`',
  RBrace: '`}`',
  LBracket: '`[`',
  RBracket: '`]`',
  Comma: '`,`',
  Colon: '`:`',
  String: 'string',
  Number: 'number',
  Boolean: 'boolean',
  Null: '`null`',
};

function printable(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f || (code >= 0x2000 && code <= 0x206f) || code === 0xfeff) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return char;
}

function syntaxError(text: string, offset: number, message: string, fix?: string): Finding {
  return makeFinding(
    'json-syntax-error',
    'ERROR',
    '',
    pointAt(text, offset),
    message,
    fix ?? 'fix the json syntax: a policy is one json object',
  );
}

function trimmedEnd(text: string): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
  return end;
}

/** Offset of the first `{` or `[` (outside strings) that exceeds MAX_JSON_DEPTH, if any. */
function firstTooDeep(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return undefined;
}
