import { mkdirSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PolicyCache } from '../authorize/policy-cache.js';
import { loadCatalogue } from '../catalogue/load-catalogue.js';
import { applyLab } from '../lab/apply-lab.js';
import { readLab } from '../lab/read-lab.js';
import { handlerTables } from '../server/handler-tables.js';
import { startServer } from '../server/start-server.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

// Not LocalStack's 4566, moto's 5000 or MinIO's 9000.
export const DEFAULT_PORT = 4577;
const TUTORIAL_LAB = new URL('../../labs/tutorial.yaml', import.meta.url);

interface ServeOptions {
  lab?: string;
  port: string;
  host: string;
  data: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      "serve IAM and STS for the lab's accounts on one port, every request signed, authorized and audited",
    )
    .option(
      '--lab <file>',
      "lab file (YAML) to apply (default: the tutorial's Production and Development accounts)",
    )
    .option('--port <port>', 'port to listen on', String(DEFAULT_PORT))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'where state is kept (a SQLite file); :memory: keeps nothing', '.trustlab')
    .action(async (options: ServeOptions) => {
      const started = performance.now();
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port must be 0 to 65535, not \`${options.port}\``);
      const labText = readFileSync(options.lab ?? TUTORIAL_LAB, 'utf8');
      const read = readLab(labText);
      if ('errors' in read) {
        const file = options.lab ?? 'labs/tutorial.yaml';
        throw new Error(read.errors.map((e) => `${file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
      }
      if (options.data !== ':memory:') mkdirSync(options.data, { recursive: true });
      const store = openSqliteStore({ dataDir: options.data });
      await applyLab(store, read.lab, new Date());
      const log = (line: string) => process.stderr.write(`trustlab: ${line}\n`);
      const server = await startServer(
        {
          store,
          cache: new PolicyCache(),
          catalogue: loadCatalogue(),
          handlers: handlerTables,
          now: () => new Date(),
          log,
        },
        { host: options.host, port },
      );
      const lines = [
        `trustlab is serving IAM and STS at ${server.url} (ready in ${Math.round(performance.now() - started)} ms)`,
        `data: ${options.data === ':memory:' ? 'in memory (nothing is kept)' : options.data}`,
        ...read.lab.accounts.map(
          (a) =>
            `account ${a.id}${a.alias ? ` (${a.alias})` : ''}: root ${a.root.accessKeyId ?? '(no access key)'}${a.root.secretAccessKey ? ` / ${a.root.secretAccessKey}` : ''}`,
        ),
        `try: AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… aws --endpoint-url ${server.url} sts get-caller-identity`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      const stop = async () => {
        await server.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
