import type { AuthzRequest, Decision, PolicySide, Reason } from '../types.js';
import { isTrustPolicyAction, policyTypePhrase } from './messages.js';

/** Multi-line, readable account of a decision for the CLI: verdict, deciding statements, missing side. */
export function explainDecision(request: AuthzRequest, decision: Decision): string {
  const head = `${decision.verdict}: ${request.caller.arn} → ${request.action}${request.resource ? ` on ${request.resource}` : ''}`;
  return [head, ...explainLines(decision, request.action)].join('\n');
}

/** The body of an explanation (without the request line); `action` words trust policies as AWS does. */
export function explainLines(
  decision: Omit<Decision, 'message'> & { message: string | null },
  action = '',
): string[] {
  const trust = isTrustPolicyAction(action);
  const lines: string[] = [];
  switch (decision.verdict) {
    case 'Allowed':
      lines.push('allowed by:');
      break;
    case 'ExplicitlyDenied':
      if (decision.deniedBy) lines.push(`explicit deny in ${sideName(decision.deniedBy, trust)}:`);
      break;
    case 'ImplicitlyDenied':
      if (decision.missing)
        lines.push(`no ${sideName(decision.missing, trust)} allows ${action || 'the action'}`);
      break;
  }
  for (const reason of decision.reasons) lines.push(`  ${describeReason(reason, trust)}`);
  if (decision.problems.length > 0) {
    lines.push('skipped (could not be evaluated):');
    for (const reason of decision.problems)
      lines.push(`  ${describeReason(reason, trust)}: ${reason.problem ?? ''}`);
  }
  if (decision.message !== null) lines.push(`AWS message: ${decision.message}`);
  return lines;
}

function describeReason(reason: Reason, trust: boolean): string {
  const name = reason.policy.name ?? reason.policy.id;
  const sid = reason.sid === undefined ? '' : ` (Sid ${JSON.stringify(reason.sid)})`;
  const line = reason.at ? `, line ${reason.at.line}` : '';
  return `${reason.effect} ${sideName(reason.side, trust)} ${name} Statement[${reason.statement}]${sid}${line}`;
}

function sideName(side: PolicySide, trust: boolean): string {
  return policyTypePhrase(side, trust && side === 'resource');
}
