import type { Command } from 'commander';
import { explainResult } from '../policy/explain/explain-result.js';
import { readCase } from '../policy/simulate/read-case.js';
import { type SimulationResult, simulate } from '../policy/simulate/simulate.js';
import type { PolicySource, SimulationError, SimulationInput } from '../policy/simulate/simulation-input.js';
import type { ContextValue } from '../policy/types.js';
import { policyFiles, readText } from './policy-files.js';

interface SimulateOptions {
  cases?: string;
  format?: 'text' | 'json';
  check?: boolean;
  principal?: string;
  action?: string;
  resource?: string;
  resourceAccount?: string;
  context: string[];
  policy: string[];
  resourcePolicy?: string;
  permissionsBoundary?: string;
  sessionPolicy?: string[];
  scp: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'decide requests as AWS would, with the AccessDenied message and the statements that decided',
    )
    .option(
      '--cases <file>',
      'JSON Lines, one case a line (- reads standard input); prints one JSON line a case',
    )
    .option('--format <format>', 'json or text (default: json with --cases, text otherwise)')
    .option('--check', "compare each case's decision with its `expected` field; exit 1 on any difference")
    .option('--principal <arn>', 'user, assumed-role session or account root ARN making the request')
    .option('--action <action>', 'the action, e.g. s3:GetObject')
    .option('--resource <arn>', 'the resource ARN (or *)')
    .option(
      '--resource-account <id>',
      "the resource's account (default: from the resource ARN, else the principal's)",
    )
    .option('--context <key=value>', 'a condition key; repeat a key to make it multi-valued', collect, [])
    .option('--policy <file>', 'an identity-based policy (file or folder; repeatable)', collect, [])
    .option('--resource-policy <file>', 'the resource-based policy (bucket policy, trust policy)')
    .option('--permissions-boundary <file>', 'the permissions boundary')
    .option('--session-policy <file>', 'a session policy (repeatable)', collect)
    .option(
      '--scp <file>',
      'a service control policy; each one is a level of the organization path (repeatable)',
      collect,
      [],
    )
    .action((options: SimulateOptions) => {
      process.exitCode = options.cases ? simulateCases(options.cases, options) : simulateOne(options);
    });
}

function simulateCases(cases: string, options: SimulateOptions): number {
  const format = options.format ?? 'json';
  let failed = false;
  readText(cases)
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() === '') return;
      const line = index + 1;
      const parsed = parseJson(text);
      const input = parsed.ok ? readCase(parsed.value, line) : malformed(line, parsed.message);
      const result = 'error' in input ? input : simulate(input, line);
      const expected = parsed.ok ? expectedOf(parsed.value) : undefined;
      const mismatch =
        options.check && 'decision' in result && expected !== undefined && expected !== result.decision;
      if ('error' in result || mismatch) failed = true;
      const action = 'error' in input ? undefined : input.action;
      process.stdout.write(
        format === 'json'
          ? `${JSON.stringify(result)}\n`
          : formatText(result, action, mismatch ? expected : undefined),
      );
    });
  return failed ? 1 : 0;
}

function simulateOne(options: SimulateOptions): number {
  const missing = (['principal', 'action', 'resource'] as const).filter((name) => !options[name]);
  if (missing.length > 0) throw new Error(`give --cases FILE, or --${missing.join(', --')}`);
  const source = (file: string): PolicySource => ({ text: readText(file), ref: { id: file, name: file } });
  const input: SimulationInput = {
    id: 'request',
    principal: options.principal as string,
    action: options.action as string,
    resource: options.resource as string,
    ...(options.resourceAccount ? { resourceAccount: options.resourceAccount } : {}),
    context: parseContext(options.context),
    identityPolicies: policyFiles(options.policy).map(source),
    ...(options.resourcePolicy ? { resourcePolicy: source(options.resourcePolicy) } : {}),
    ...(options.permissionsBoundary ? { permissionsBoundary: source(options.permissionsBoundary) } : {}),
    ...(options.sessionPolicy ? { sessionPolicies: options.sessionPolicy.map(source) } : {}),
    ...(options.scp.length > 0 ? { scps: options.scp.map((file) => [source(file)]) } : {}),
  };
  const result = simulate(input);
  process.stdout.write(
    options.format === 'json' ? `${JSON.stringify(result)}\n` : formatText(result, input.action),
  );
  return 'error' in result || result.decision !== 'Allowed' ? 1 : 0;
}

function formatText(result: SimulationResult | SimulationError, action?: string, expected?: string): string {
  if ('error' in result) {
    return `${result.id ?? '?'}${result.line ? ` (line ${result.line})` : ''}: ${result.error.code}: ${result.error.message}\n`;
  }
  const miss = expected ? `   <-- expected ${expected}` : '';
  const explained = explainResult(action === undefined ? result : { ...result, action });
  return `${result.id}: ${result.decision}${miss}\n${indent(explained)}\n`;
}

function parseContext(pairs: string[]): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--context takes key=value, not \`${pair}\``);
    const key = pair.slice(0, at);
    const value = pair.slice(at + 1);
    const previous = context[key];
    context[key] =
      previous === undefined ? value : [...(typeof previous === 'string' ? [previous] : previous), value];
  }
  return context;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `invalid JSON: ${(error as Error).message}` };
  }
}

function malformed(line: number, message: string): SimulationError {
  return { id: null, line, error: { code: 'MalformedCase', message } };
}

function expectedOf(value: unknown): string | undefined {
  const expected = (value as { expected?: unknown } | null)?.expected;
  return typeof expected === 'string' ? expected : undefined;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
