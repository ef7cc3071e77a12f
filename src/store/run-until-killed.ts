// For the kill -9 tests: runs a writer script (through tsx) on a data directory, hands each line it
// prints to `onLine`, and SIGKILLs it `delayMs` after onLine first answers true: a crash without warning,
// most likely in the middle of a write. Resolves once the writer has died of that kill.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function runUntilKilled(
  writer: URL,
  dir: string,
  onLine: (line: string) => boolean,
  delayMs = 0,
): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(writer), dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffered = '';
  let errors = '';
  let killing = false;
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!onLine(line) || killing) continue;
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the writer stopped by itself: ${errors}`));
    });
  });
}
