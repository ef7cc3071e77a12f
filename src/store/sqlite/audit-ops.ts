import type { Database } from 'better-sqlite3';
import type { AuditDecision, AuditInput, AuditRecord } from '../records.js';
import type { AuditFilter } from '../store.js';
import { opt, readStrings } from './rows.js';

export interface AuditOps {
  /** Inserts one record; call inside a transaction. */
  insert(record: AuditInput): void;
  query(filter: AuditFilter): AuditRecord[];
}

const WHERE = `WHERE ($account IS NULL OR account_id = $account)
    AND ($principal IS NULL OR principal_arn = $principal)
    AND ($service IS NULL OR service = $service)
    AND ($operation IS NULL OR operation = $operation)
    AND ($denied IS NULL OR coalesce(decision IN ('ExplicitlyDenied', 'ImplicitlyDenied'), 0) = $denied)
    AND ($since IS NULL OR time >= $since)
    AND ($until IS NULL OR time < $until)
    AND seq > $afterSeq`;

export function makeAuditOps(db: Database): AuditOps {
  const insert =
    db.prepare(`INSERT INTO audit (time, request_id, account_id, principal_arn, source_ip, user_agent,
      service, operation, actions, resources, decision, reason, error_code, http_status)
    VALUES ($time, $requestId, $accountId, $principalArn, $sourceIp, $userAgent, $service, $operation, $actions,
      $resources, $decision, $reason, $errorCode, $httpStatus)`);
  const oldestFirst = db.prepare<QueryParams, AuditRow>(
    `SELECT * FROM audit ${WHERE} ORDER BY seq LIMIT $limit`,
  );
  const newestFirst = db.prepare<QueryParams, AuditRow>(
    `SELECT * FROM audit ${WHERE} ORDER BY seq DESC LIMIT $limit`,
  );

  return {
    insert(r) {
      insert.run({
        time: r.time,
        requestId: r.requestId,
        accountId: r.accountId ?? null,
        principalArn: r.principalArn ?? null,
        sourceIp: r.sourceIp ?? null,
        userAgent: r.userAgent ?? null,
        service: r.service,
        operation: r.operation,
        actions: JSON.stringify(r.actions),
        resources: JSON.stringify(r.resources),
        decision: r.decision ?? null,
        reason: r.reason ?? null,
        errorCode: r.errorCode ?? null,
        httpStatus: r.httpStatus ?? null,
      });
    },
    query(f) {
      const params: QueryParams = {
        account: f.accountId ?? null,
        principal: f.principalArn ?? null,
        service: f.service ?? null,
        operation: f.operation ?? null,
        denied: f.denied === undefined ? null : f.denied ? 1 : 0,
        since: f.since ?? null,
        until: f.until ?? null,
        afterSeq: f.afterSeq ?? 0,
        limit: Math.max(1, Math.trunc(f.limit ?? 100)),
      };
      return (f.newestFirst ? newestFirst : oldestFirst).all(params).map(toAudit);
    },
  };
}

interface QueryParams {
  account: string | null;
  principal: string | null;
  service: string | null;
  operation: string | null;
  denied: number | null;
  since: number | null;
  until: number | null;
  afterSeq: number;
  limit: number;
}

interface AuditRow {
  seq: number;
  time: number;
  request_id: string;
  account_id: string | null;
  principal_arn: string | null;
  source_ip: string | null;
  user_agent: string | null;
  service: string;
  operation: string;
  actions: string;
  resources: string;
  decision: AuditDecision | null;
  reason: string | null;
  error_code: string | null;
  http_status: number | null;
}

function toAudit(row: AuditRow): AuditRecord {
  return {
    seq: row.seq,
    time: row.time,
    requestId: row.request_id,
    accountId: opt(row.account_id),
    principalArn: opt(row.principal_arn),
    sourceIp: opt(row.source_ip),
    userAgent: opt(row.user_agent),
    service: row.service,
    operation: row.operation,
    actions: readStrings(row.actions),
    resources: readStrings(row.resources),
    decision: opt(row.decision),
    reason: opt(row.reason),
    errorCode: opt(row.error_code),
    httpStatus: opt(row.http_status),
  };
}
