import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { AuditRecord } from '../store/records.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { AuditFilter } from '../store/store.js';

interface AuditOptions {
  data: string;
  principal?: string;
  denied?: boolean;
  json?: boolean;
  follow?: boolean;
  limit: string;
}

// How often --follow looks for new records.
const FOLLOW_INTERVAL_MS = 500;

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('show the audit log: one record per request (who, what, the decision and why)')
    .option('--data <dir>', 'the data directory of `trustlab serve`', '.trustlab')
    .option('--principal <arn>', 'only requests by this principal ARN')
    .option('--denied', 'only denied requests')
    .option('--json', 'one JSON object per line')
    .option('--follow', 'keep printing new records as they arrive')
    .option('--limit <n>', 'how many of the latest records to show first', '100')
    .action(async (options: AuditOptions) => {
      if (!existsSync(join(options.data, 'trustlab.db')))
        throw new Error(`no trustlab data in \`${options.data}\` (see --data)`);
      const store = openSqliteStore({ dataDir: options.data });
      const filter: AuditFilter = {
        ...(options.principal ? { principalArn: options.principal } : {}),
        ...(options.denied ? { denied: true } : {}),
      };
      const print = (records: AuditRecord[]) => {
        for (const record of records)
          process.stdout.write(options.json ? `${JSON.stringify(record)}\n` : formatRecord(record));
      };
      const first = (
        await store.queryAudit({ ...filter, limit: Number(options.limit), newestFirst: true })
      ).reverse();
      print(first);
      if (!options.follow) return store.close();
      let after = first.at(-1)?.seq ?? 0;
      setInterval(async () => {
        const next = await store.queryAudit({ ...filter, afterSeq: after });
        print(next);
        after = next.at(-1)?.seq ?? after;
      }, FOLLOW_INTERVAL_MS);
    });
}

function formatRecord(record: AuditRecord): string {
  const verdict = record.decision ?? record.errorCode ?? 'OK';
  const head = `${new Date(record.time).toISOString()} ${record.requestId} ${record.principalArn ?? '(unauthenticated)'} ${record.service}:${record.operation} ${verdict}`;
  const targets = record.actions.map((action, i) => `  ${action} on ${record.resources[i] ?? '*'}`);
  const reason = record.reason ? record.reason.split('\n').map((line) => `  ${line}`) : [];
  return `${[head, ...targets, ...reason].join('\n')}\n`;
}
