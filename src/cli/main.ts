import { Command } from 'commander';
import { packageVersion } from './package-version.js';

type Register = (program: Command) => void;

// Each command's module loads what it needs (the server, the policy engine, the catalogue): only the
// command being run is loaded, which keeps `trustlab serve` from loading lint's and simulate's modules
// before it starts. Help, --version and unknown commands load them all.
const COMMANDS: Record<string, () => Promise<Register>> = {
  lint: async () => (await import('./lint-command.js')).registerLintCommand,
  simulate: async () => (await import('./simulate-command.js')).registerSimulateCommand,
  serve: async () => (await import('./serve-command.js')).registerServeCommand,
  audit: async () => (await import('./audit-command.js')).registerAuditCommand,
};

const program = new Command()
  .name('trustlab')
  .description('A local, multi-account AWS that enforces the real IAM authorization model and explains it.')
  .version(packageVersion());

const asked = process.argv[2];
const only = asked !== undefined && Object.hasOwn(COMMANDS, asked) ? COMMANDS[asked] : undefined;
const loaders = only ? [only] : Object.values(COMMANDS);
for (const register of await Promise.all(loaders.map((load) => load()))) register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`trustlab: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
