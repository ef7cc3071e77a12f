// Runs the built `trustlab` command as a user would (npm test builds it first).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin', 'trustlab.js');
const lab = join(root, 'labs', 'delegate-access', 'policies');

function trustlab(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', input });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('trustlab lint', () => {
  it('passes the tutorial policies', () => {
    const run = trustlab(['lint', lab]);
    expect(run.stderr).toContain('0 error(s)');
    expect(run.status).toBe(0);
  });

  it('finds the seeds’ mistakes with file:line:col and fails', () => {
    const run = trustlab(['lint', join(root, 'labs', 'seed-mistakes')]);
    expect(run.status).toBe(1);
    // The object statement of developers-access-production-policy.json names `prod-source-dropoff/` (line 24).
    expect(run.stdout).toMatch(/developers-access-production-policy\.json:24:\d+: /);
    expect(run.stdout).toMatch(/role-in-accountb-s3\.json:\d+:\d+: /);
  });

  it('reports a JSON syntax error at its position, as JSON on request', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustlab-lint-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "Version": "2012-10-17",\n  "Statement": [\n}\n');
    const run = trustlab(['lint', '--format', 'json', file]);
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout) as {
      findings: { severity: string; at: { start: { line: number } } }[];
    }[];
    expect(result?.findings[0]?.severity).toBe('ERROR');
    expect(result?.findings[0]?.at.start.line).toBe(4);
  });

  it('--strict fails on a security warning, --exit-zero never fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustlab-lint-'));
    const file = join(dir, 'public.json');
    writeFileSync(
      file,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' },
        ],
      }),
    );
    expect(trustlab(['lint', file]).status).toBe(0);
    expect(trustlab(['lint', '--strict', file]).status).toBe(1);
    expect(trustlab(['lint', '--strict', '--exit-zero', file]).status).toBe(0);
  });
});

describe('trustlab simulate', () => {
  it('answers one JSON line a case, and an error line for a malformed one', () => {
    const good = {
      id: 'ok',
      request: {
        principal: 'arn:aws:iam::111111111111:user/David',
        action: 's3:ListBucket',
        resource: 'arn:aws:s3:::b',
      },
      identityPolicies: [
        { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } },
      ],
    };
    const input = [JSON.stringify(good), '{not json', JSON.stringify({ id: 'no-request' }), ''].join('\n');
    const run = trustlab(['simulate', '--cases', '-'], input);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ id: 'ok', decision: 'Allowed', message: null });
    expect(lines[1]).toMatchObject({ id: null, line: 2, error: { code: 'MalformedCase' } });
    expect(lines[2]).toMatchObject({ id: 'no-request', line: 3, error: { code: 'MalformedCase' } });
    expect(run.status).toBe(1);
  });

  it('explains a denial readably from policy files', () => {
    const run = trustlab([
      'simulate',
      '--principal',
      'arn:aws:iam::111111111111:user/Theresa',
      '--action',
      'sts:AssumeRole',
      '--resource',
      'arn:aws:iam::999999999999:role/UpdateApp',
      '--policy',
      join(lab, 'aws-managed', 'PowerUserAccess.json'),
      '--policy',
      join(lab, 'development', 'deny-assume-S3-role-in-production.json'),
      '--resource-policy',
      join(lab, 'production', 'UpdateApp-trust.json'),
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('ExplicitlyDenied');
    expect(run.stdout).toContain('deny-assume-S3-role-in-production.json');
    expect(run.stdout).toContain('with an explicit deny in an identity-based policy');
  });

  it('plays the tutorial lab with --check', () => {
    const out = execFileSync(
      process.execPath,
      [
        bin,
        'simulate',
        '--cases',
        join(root, 'labs', 'delegate-access', 'cases.jsonl'),
        '--format',
        'text',
        '--check',
      ],
      { encoding: 'utf8' },
    );
    expect(out).toContain('david-assumes-updateapp: Allowed');
    expect(out).toContain('theresa-is-denied: ExplicitlyDenied');
  });
});
