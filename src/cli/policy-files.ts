import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Expands the command line's files and folders into policy files (folders: every `.json` below, sorted). */
export function policyFiles(paths: string[]): string[] {
  return paths.flatMap((path) => (statSync(path).isDirectory() ? jsonFilesBelow(path) : [path]));
}

export function readText(path: string): string {
  return path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
}

function jsonFilesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return jsonFilesBelow(path);
      return entry.name.endsWith('.json') ? [path] : [];
    });
}
