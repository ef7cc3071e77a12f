import { Command } from 'commander';
import { registerAuditCommand } from './audit-command.js';
import { registerLintCommand } from './lint-command.js';
import { packageVersion } from './package-version.js';
import { registerServeCommand } from './serve-command.js';
import { registerSimulateCommand } from './simulate-command.js';

const program = new Command()
  .name('trustlab')
  .description('A local, multi-account AWS that enforces the real IAM authorization model and explains it.')
  .version(packageVersion());

registerLintCommand(program);
registerSimulateCommand(program);
registerServeCommand(program);
registerAuditCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`trustlab: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
