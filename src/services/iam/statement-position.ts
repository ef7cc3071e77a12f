// Where the policy simulator says a matched statement is. AWS reports the parser's position just
// after the token before the statement: after `[` for the first statement of an array, after the
// previous statement's `}` for the others, and after the `{` itself when Statement is one object
// (the parser has read it with the "Statement" key); the end is just after the statement's `}`.
// Lines and columns are 1-based. Checked against AWS's own answers: the CLI's simulate-custom-policy
// example (`"Statement":{` gives Column 38 and 167 on a 167-character line) and AdministratorAccess
// (`"Statement": [` on line 3 gives Line 3 Column 17, its `}` on line 8 gives Column 6).
import { locAt } from '../../policy/parse/locate.js';
import type { PolicyDoc } from '../../policy/types.js';
import type { Position } from '../../protocol/generated/iam.js';

export interface StatementPositions {
  StartPosition: Position;
  EndPosition: Position;
}

export function statementPositions(
  text: string,
  doc: PolicyDoc,
  index: number,
): StatementPositions | undefined {
  const statement = doc.statements.find((s) => s.index === index);
  if (!statement) return undefined;
  const { start, end } = statement.at;
  const before = previousToken(text, start.offset);
  let startOffset = start.offset + 1;
  if (before !== undefined && text[before] === '[') startOffset = before + 1;
  else if (before !== undefined && text[before] === ',')
    startOffset = (previousToken(text, before) ?? before) + 1;
  const from = locAt(text, startOffset);
  return {
    StartPosition: { Line: from.line, Column: from.column },
    EndPosition: { Line: end.line, Column: end.column },
  };
}

/** The offset of the last character before `offset` that is not JSON white space. */
function previousToken(text: string, offset: number): number | undefined {
  for (let i = offset - 1; i >= 0; i--) if (!/[ \t\r\n]/.test(text.charAt(i))) return i;
  return undefined;
}
