import type { Finding, Severity, Span } from '../types.js';

/** Builds a Finding; `value` is the user text the finding is about, when there is one. */
export function makeFinding(
  code: string,
  severity: Severity,
  path: string,
  at: Span,
  message: string,
  fix?: string,
  value?: string,
): Finding {
  const finding: Finding = { code, severity, path, at, message };
  if (fix !== undefined) finding.fix = fix;
  if (value !== undefined) finding.value = value;
  return finding;
}
