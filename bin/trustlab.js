#!/usr/bin/env node
// The published entry point runs the compiled CLI; `npm run build` (run by `npm ci` through `prepare`) makes it.
import '../dist/cli/main.js';
