// Starts the real `trustlab serve` (the built command) on a free port, with nothing kept on disk.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('../..', import.meta.url).pathname;

export interface RunningTrustlab {
  url: string;
  stop(): Promise<void>;
}

export const PRODUCTION = {
  id: '999999999999',
  key: 'AKIAPRODUCTIONROOT01',
  secret: 'production-root-secret-key-for-the-lab-0001',
};
export const DEVELOPMENT = {
  id: '111111111111',
  key: 'AKIADEVELOPMENTROOT1',
  secret: 'development-root-secret-key-for-the-lab-001',
};

export async function startTrustlab(): Promise<RunningTrustlab> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'trustlab.js'), 'serve', '--data', ':memory:', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /is serving [^\n]* at (\S+)/.exec(out)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`trustlab serve exited with ${code}: ${out}`)));
  });
  return { url, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Debian's aws CLI v2 (`.ci/run` installs it); `aws` on the PATH is the machine's Python v1. */
export const AWS_CLI_V2 = '/usr/bin/aws';

/** Runs an aws CLI with its own HOME (v1 caches assumed-role credentials under ~/.aws). */
export async function aws(
  args: string[],
  env: Record<string, string>,
  cli = 'aws',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'trustlab-aws-'));
  try {
    const { stdout, stderr } = await promisify(execFile)(cli, args, {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: join(home, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
        ...env,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? 1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export function keys(account: { key: string; secret: string }): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: account.key, AWS_SECRET_ACCESS_KEY: account.secret };
}
