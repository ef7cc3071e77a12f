import type { PolicySide, Reason, Verdict } from '../types.js';
import { explainLines } from './explain.js';

/** The decision part of a `trustlab simulate` result line (see simulate/). */
export interface ExplainableResult {
  decision: Verdict;
  message: string | null;
  explanation: { reasons: Reason[]; missing?: PolicySide; deniedBy?: PolicySide; problems: Reason[] };
  /** The requested action, when the result carries it (words trust policies as AWS does). */
  action?: string;
}

/** The explanation lines of a simulate result, for the CLI's text output. */
export function explainResult(result: ExplainableResult): string {
  const { reasons, missing, deniedBy, problems } = result.explanation;
  return explainLines(
    {
      verdict: result.decision,
      reasons,
      problems,
      message: result.message,
      ...(missing ? { missing } : {}),
      ...(deniedBy ? { deniedBy } : {}),
    },
    result.action,
  ).join('\n');
}
