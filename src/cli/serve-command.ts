import { mkdirSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { applyLab } from '../lab/apply-lab.js';
import { readLab } from '../lab/read-lab.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';

// Not LocalStack's 4566, moto's 5000 or MinIO's 9000.
export const DEFAULT_PORT = 4577;
const TUTORIAL_LAB = new URL('labs/tutorial.yaml', PACKAGE_ROOT);

interface ServeOptions {
  lab?: string;
  port: string;
  host: string;
  data: string;
  s3Host: string;
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
    .option(
      '--s3-host <names>',
      'host names S3 answers at, comma-separated: bucket.NAME:PORT is a virtual-hosted request',
      'localhost',
    )
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
      // The root passwords are hashed (scrypt, ~90 ms each) once the server answers: see apply-lab.ts.
      const [
        { startServer },
        { handlerTables, s3HandlerTable },
        { PolicyCache },
        { loadCatalogue },
        { authorizationMessages },
        { openBodyStore },
        { loadModel },
        applied,
      ] = await Promise.all([
        import('../server/start-server.js'),
        import('../server/handler-tables.js'),
        import('../authorize/policy-cache.js'),
        import('../catalogue/load-catalogue.js'),
        import('../server/authorization-message-key.js'),
        import('../store/open-body-store.js'),
        import('../protocol/model/load-model.js'),
        applyLab(store, read.lab, new Date()),
      ]);
      const log = (line: string) => process.stderr.write(`trustlab: ${line}\n`);
      const passwords = applied.passwords.catch((error: unknown) =>
        log(`hashing the root passwords failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      const bodies = openBodyStore(options.data, store);
      // A crash between a body's rename and its record's commit leaves a file nothing names.
      const referenced = await store.listBodyIds();
      const swept = await bodies.sweep((id) => referenced.has(id));
      if (swept > 0) log(`removed ${swept} object bodies left by an interrupted write`);
      const server = await startServer(
        {
          store,
          cache: new PolicyCache(),
          // Read on the first IAM request that validates a policy, not at start-up (~1 MB, a few ms).
          get catalogue() {
            return loadCatalogue();
          },
          handlers: handlerTables,
          authorizationMessages: authorizationMessages(options.data),
          bodies,
          // Resolving the S3 model takes ~25 ms of start-up: the first S3 request pays it instead.
          get s3Model() {
            return loadModel('s3');
          },
          s3Handlers: s3HandlerTable,
          s3BaseHosts: options.s3Host.split(',').map((name) => name.trim().toLowerCase()),
          now: () => new Date(),
          log,
        },
        { host: options.host, port },
      );
      const lines = [
        `trustlab is serving IAM, STS and S3 at ${server.url} (ready in ${Math.round(performance.now() - started)} ms)`,
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
        await passwords;
        await store.close();
        await bodies.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
