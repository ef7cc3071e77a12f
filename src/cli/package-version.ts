import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../package-root.js';

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
