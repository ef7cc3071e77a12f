import { makeFinding } from '../parse/make-finding.js';
import type { Finding, Located, PolicyDoc, Severity, Span, Statement } from '../types.js';
import type { Catalogue } from './catalogue.js';
import type { PolicyKind } from './policy-kind.js';

export interface CheckContext {
  doc: PolicyDoc;
  kind: PolicyKind;
  catalogue: Catalogue | undefined;
  findings: Finding[];
}

/** A check group: reads the document, appends findings. */
export type Check = (ctx: CheckContext) => void;

export function report(
  ctx: CheckContext,
  code: string,
  severity: Severity,
  path: string,
  at: Span,
  message: string,
  fix?: string,
  value?: string,
): void {
  ctx.findings.push(makeFinding(code, severity, path, at, message, fix, value));
}

export function statementPath(statement: Statement): string {
  return `Statement[${statement.index}]`;
}

/** `Statement[1].Resource[0]` (values are numbered even when the element was written as a single string). */
export function valuePath(statement: Statement, element: string, index: number): string {
  return `${statementPath(statement)}.${element}[${index}]`;
}

export function actionElement(statement: Statement): string {
  return statement.action.not ? 'NotAction' : 'Action';
}

export function resourceElement(statement: Statement): string {
  return statement.resource?.not ? 'NotResource' : 'Resource';
}

export function principalElement(statement: Statement): string {
  return statement.principal?.not ? 'NotPrincipal' : 'Principal';
}

export function code(text: Located | string): string {
  return `\`${typeof text === 'string' ? text : text.value}\``;
}
