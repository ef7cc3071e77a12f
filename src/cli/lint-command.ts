import type { Command } from 'commander';
import { loadCatalogue } from '../catalogue/load-catalogue.js';
import { parsePolicy } from '../policy/parse/parse-policy.js';
import type { Finding, PolicyDoc, Severity } from '../policy/types.js';
import { type PolicyKind, validatePolicy } from '../policy/validate/validate-policy.js';
import { policyFiles, readText } from './policy-files.js';

const kinds: PolicyKind[] = ['identity', 'resource', 'trust', 'boundary', 'session', 'scp', 'rcp'];

interface LintOptions {
  format: 'text' | 'json';
  kind?: PolicyKind;
  strict?: boolean;
  exitZero?: boolean;
}

export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .description(
      'validate IAM policy documents like IAM Access Analyzer: errors, security warnings, warnings, suggestions',
    )
    .argument('<files...>', 'policy JSON files or folders (every .json below); - reads standard input')
    .option('--format <format>', 'text (file:line:col: severity CODE: message) or json', 'text')
    .option('--kind <kind>', `policy kind: ${kinds.join(', ')} (default: guessed from the document)`)
    .option('--strict', 'also fail on security warnings')
    .option('--exit-zero', 'always exit 0, even when errors are found')
    .action((files: string[], options: LintOptions) => {
      if (options.kind && !kinds.includes(options.kind))
        throw new Error(`unknown --kind \`${options.kind}\``);
      if (options.format !== 'text' && options.format !== 'json')
        throw new Error(`unknown --format \`${options.format}\``);
      process.exitCode = lint(policyFiles(files), options);
    });
}

function lint(files: string[], options: LintOptions): number {
  const catalogue = loadCatalogue();
  const results = files.map((file) => {
    const parsed = parsePolicy(readText(file));
    const kind = options.kind ?? guessKind(parsed.doc);
    const findings = parsed.doc
      ? [...parsed.findings, ...validatePolicy(parsed.doc, { kind, catalogue })]
      : parsed.findings;
    findings.sort((a, b) => a.at.start.offset - b.at.start.offset);
    return { file, kind, findings };
  });

  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    for (const { file, findings } of results) {
      for (const finding of findings) process.stdout.write(formatFinding(file, finding));
    }
    process.stderr.write(
      `${summarize(
        results.flatMap((r) => r.findings),
        files.length,
      )}\n`,
    );
  }

  const failing: Severity[] = options.strict ? ['ERROR', 'SECURITY_WARNING'] : ['ERROR'];
  const failed = results.some((r) => r.findings.some((f) => failing.includes(f.severity)));
  return failed && !options.exitZero ? 1 : 0;
}

function formatFinding(file: string, finding: Finding): string {
  const { line, column } = finding.at.start;
  const severity = finding.severity.toLowerCase().replace('_', '-');
  const fix = finding.fix ? `\n  fix: ${finding.fix}` : '';
  return `${file}:${line}:${column}: ${severity} ${finding.code}: ${finding.message}${fix}\n`;
}

function summarize(findings: Finding[], fileCount: number): string {
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return `${fileCount} file(s): ${count('ERROR')} error(s), ${count('SECURITY_WARNING')} security warning(s), ${count('WARNING')} warning(s), ${count('SUGGESTION')} suggestion(s)`;
}

/** A document with a Principal is a resource policy; one that only grants sts:AssumeRole* to it is a trust policy. */
function guessKind(doc: PolicyDoc | undefined): PolicyKind {
  const withPrincipal = doc?.statements.filter((s) => s.principal) ?? [];
  if (withPrincipal.length === 0) return 'identity';
  const assumes = withPrincipal.every(
    (s) =>
      !s.action.not &&
      s.action.values.every((a) => /^sts:(assumerole|tagsession|setsourceidentity)/i.test(a.value)),
  );
  return assumes ? 'trust' : 'resource';
}
