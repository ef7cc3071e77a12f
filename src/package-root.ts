// The package's own files (models/, labs/, package.json) are found from its root folder. This file sits one
// folder below the root in src/, and so does the bundle that runs the published CLI (dist/trustlab.js),
// into which this module is inlined with the same import.meta.url semantics: one relative URL serves both.
export const PACKAGE_ROOT = new URL('../', import.meta.url);
