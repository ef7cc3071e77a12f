import type { Loc, Span } from '../types.js';

interface HasLoc {
  loc: { start: Loc; end: Loc };
}

/** The span of a momoa node, copied so that the AST can be dropped. */
export function spanOf(node: HasLoc): Span {
  const { start, end } = node.loc;
  return {
    start: { line: start.line, column: start.column, offset: start.offset },
    end: { line: end.line, column: end.column, offset: end.offset },
  };
}

/**
 * The Loc of an offset, counting lines the way momoa does (`\n`, `\r\n` and a lone `\r` each end a line),
 * so that our own positions agree with the parser's.
 */
export function locAt(text: string, offset: number): Loc {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1, offset: at };
}

/** A zero-width span at an offset (for errors that point between characters). */
export function pointAt(text: string, offset: number): Span {
  const loc = locAt(text, offset);
  return { start: loc, end: { ...loc } };
}
