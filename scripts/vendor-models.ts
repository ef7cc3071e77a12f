// Copies botocore's service models for the services trustlab speaks into models/<svc>.json, without AWS's
// documentation prose, with our corrections from models/patches/<svc>.json applied, and writes models/NOTICE.
// Re-runnable and deterministic: the same botocore gives byte-identical files.
//
//   npx tsx scripts/vendor-models.ts [BOTOCORE_DATA_DIR]
//
// The directory defaults to $BOTOCORE_DATA, then to the data folder of the machine's Python botocore.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { applyJsonPatch, type ModelPatch } from './json-patch.js';

const vendoredServices = [
  { name: 'iam', version: '2010-05-08' },
  { name: 'sts', version: '2011-06-15' },
  { name: 's3', version: '2006-03-01' },
] as const;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = join(root, 'models');

function main(): void {
  const dataDir = process.argv[2] ?? process.env.BOTOCORE_DATA ?? findBotocoreData();
  const botocoreVersion = readBotocoreVersion(dataDir);
  mkdirSync(join(modelsDir, 'patches'), { recursive: true });
  const lines: string[] = [];
  for (const { name, version } of vendoredServices) {
    const raw = readModel(join(dataDir, name, version));
    const stripped = stripDocumentation(raw);
    const patches = readPatches(name);
    const patched = applyJsonPatch(stripped, patches);
    const text = `${JSON.stringify(patched)}\n`;
    writeFileSync(join(modelsDir, `${name}.json`), text);
    lines.push(
      `- models/${name}.json: botocore/data/${name}/${version}/service-2.json (${patches.length} patches)`,
    );
    console.log(`models/${name}.json  ${text.length} bytes, ${patches.length} patches`);
  }
  writeFileSync(join(modelsDir, 'NOTICE'), notice(botocoreVersion, lines));
}

// Every `documentation` / `documentationUrl` string is dropped, wherever it sits: AWS's prose is not ours.
function stripDocumentation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDocumentation);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'documentation' || key === 'documentationUrl') && typeof child === 'string') continue;
      out[key] = stripDocumentation(child);
    }
    return out;
  }
  return value;
}

function readModel(dir: string): unknown {
  const plain = join(dir, 'service-2.json');
  if (existsSync(plain)) return JSON.parse(readFileSync(plain, 'utf8'));
  return JSON.parse(gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8'));
}

function readPatches(service: string): ModelPatch[] {
  const file = join(modelsDir, 'patches', `${service}.json`);
  if (!existsSync(file)) {
    writeFileSync(file, '[]\n');
    return [];
  }
  const patches = JSON.parse(readFileSync(file, 'utf8')) as ModelPatch[];
  for (const [i, p] of patches.entries()) {
    if (!p.reason || !p.source) throw new Error(`${file}[${i}]: every patch needs a reason and a source`);
  }
  return patches;
}

function findBotocoreData(): string {
  const script = 'import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), "data"))';
  return execFileSync('python3', ['-c', script], { encoding: 'utf8' }).trim();
}

function readBotocoreVersion(dataDir: string): string {
  const init = join(dataDir, '..', '__init__.py');
  const match = existsSync(init) ? /__version__ = '([^']+)'/.exec(readFileSync(init, 'utf8')) : null;
  return match?.[1] ?? 'unknown';
}

function notice(botocoreVersion: string, lines: string[]): string {
  return `The service models in this folder come from botocore ${botocoreVersion}
(https://github.com/boto/botocore), Copyright Amazon.com, Inc. or its affiliates,
licensed under the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).

${lines.join('\n')}

Modifications: every "documentation" and "documentationUrl" string was removed, and the JSON-Patch
entries in patches/<service>.json (each with its reason and source) were applied.
Regenerate with: npx tsx scripts/vendor-models.ts
`;
}

main();
