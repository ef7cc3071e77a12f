// What every pipeline does after it answers: one audit record per request, and trustlab's explanation
// of a denial beside AWS's message (never in it): response headers and the audit record.
import type { Authorization } from '../authorize/authorize.js';
import { explainLines } from '../policy/explain/explain.js';
import type { AwsError } from '../protocol/errors.js';
import type { Caller } from '../services/handler-context.js';
import type { AuthorizationMessages } from '../services/sts/authorization-message.js';
import type { AuditInput } from '../store/records.js';
import type { Store } from '../store/store.js';

/** What a pipeline learned, whatever step it stopped at. */
export interface RequestTrail {
  requestId: string;
  caller?: Caller;
  operation?: string;
  authorizations: Authorization[];
}

export interface RequestFacts {
  sourceIp: string;
  userAgent: string | undefined;
}

export interface AuditSink {
  store: Store;
  now: () => Date;
  log: (line: string) => void;
}

/** The first IAM request of the operation that was not allowed. */
export function denialOf(trail: RequestTrail): Authorization | undefined {
  return trail.authorizations.find((a) => a.decision.verdict !== 'Allowed');
}

/**
 * `x-trustlab-explanation` (ASCII, one line) and `x-trustlab-encoded-message` (for
 * DecodeAuthorizationMessage) for a denied request; nothing otherwise.
 */
export function explanationHeaders(
  trail: RequestTrail,
  messages: AuthorizationMessages,
): Record<string, string> {
  const denied = denialOf(trail);
  if (!denied) return {};
  const text = explainLines(denied.decision, denied.target.action).join(' | ');
  return {
    'x-trustlab-explanation': text.replace(/[^\x20-\x7e]/g, '?'),
    ...(trail.caller ? { 'x-trustlab-encoded-message': messages.encode(trail.caller.account, denied) } : {}),
  };
}

export function auditRequest(
  sink: AuditSink,
  service: string,
  facts: RequestFacts,
  trail: RequestTrail,
  error: AwsError | undefined,
  okStatus = 200,
): void {
  const last = trail.authorizations.at(-1);
  const record: AuditInput = {
    time: sink.now().getTime(),
    requestId: trail.requestId,
    ...(trail.caller?.account ? { accountId: trail.caller.account } : {}),
    ...(trail.caller ? { principalArn: trail.caller.facts.arn } : {}),
    sourceIp: facts.sourceIp,
    ...(facts.userAgent ? { userAgent: facts.userAgent } : {}),
    service,
    operation: trail.operation ?? 'Unknown',
    actions: trail.authorizations.map((a) => a.target.action),
    resources: trail.authorizations.map((a) => a.target.resource),
    ...(last ? { decision: last.decision.verdict } : {}),
    ...(last && last.decision.verdict !== 'Allowed'
      ? { reason: explainLines(last.decision, last.target.action).join('\n') }
      : {}),
    ...(error ? { errorCode: error.code, httpStatus: error.status } : { httpStatus: okStatus }),
  };
  // The store batches audit writes; the answer does not wait for them.
  sink.store
    .appendAudit(record)
    .catch((failure: unknown) => sink.log(`audit write failed: ${String(failure)}`));
}
